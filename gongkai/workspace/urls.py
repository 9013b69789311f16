from django.contrib.auth import views as auth_views
from django.urls import path

from gongkai.workspace import views

app_name = "workspace"

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="workspace/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("audit/", views.audit_timeline, name="audit"),
]
