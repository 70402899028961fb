from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from .careers.views import robots_txt
from .site.health import healthz

admin.site.site_header = "rolekit"
admin.site.site_title = "rolekit"
admin.site.index_title = "Postings, rubrics and the DS/MLE catalog"

urlpatterns = [
    path("", TemplateView.as_view(template_name="home.html"), name="home"),
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("review/", include("hiring.review.urls")),
    path("api/", include("hiring.api.urls")),
    path("jobs/", include("hiring.careers.urls")),
    path("robots.txt", robots_txt, name="robots_txt"),
]
