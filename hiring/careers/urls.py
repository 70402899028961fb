from django.urls import path

from . import views

app_name = "careers"

urlpatterns = [
    path("<slug:company_slug>/", views.board, name="board"),
    path("<slug:company_slug>/feed/", views.feed, name="feed"),
    path("<slug:company_slug>/sitemap.xml", views.sitemap, name="sitemap"),
    path("<slug:company_slug>/brand.css", views.brand_css, name="brand_css"),
    path("<slug:company_slug>/<slug:posting_slug>/", views.posting, name="posting"),
    path("<slug:company_slug>/<slug:posting_slug>/pdf/", views.posting_pdf, name="posting_pdf"),
]
