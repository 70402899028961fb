from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "review"

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="review/login.html"),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", views.queue, name="queue"),
    path("postings/<int:pk>/", views.posting_detail, name="posting"),
    path("postings/<int:pk>/packet/", views.posting_packet, name="packet"),
    path("postings/<int:pk>/kit/", views.posting_kit, name="kit"),
    path("postings/<int:pk>/kit/<int:user_id>/", views.posting_kit, name="kit_for"),
]
