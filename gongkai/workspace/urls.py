from django.contrib.auth import views as auth_views
from django.urls import path

from gongkai.workspace import administration, calendar_editing, page_editing, views

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
    # Agency, section and staff administration (administration.py)
    path("agencies/", administration.agency_list, name="agency_list"),
    path("agencies/<str:code>/", administration.agency_detail, name="agency_detail"),
    path("agencies/<str:code>/edit/", administration.agency_edit, name="agency_edit"),
    path("agencies/<str:code>/sections/", administration.section_list, name="section_list"),
    path("agencies/<str:code>/sections/new/", administration.section_new, name="section_new"),
    path(
        "agencies/<str:code>/sections/<int:section_id>/edit/",
        administration.section_edit,
        name="section_edit",
    ),
    path("agencies/<str:code>/staff/", administration.staff_list, name="staff_list"),
    path("agencies/<str:code>/staff/new/", administration.staff_new, name="staff_new"),
    path(
        "agencies/<str:code>/staff/<int:user_id>/",
        administration.staff_detail,
        name="staff_detail",
    ),
    path(
        "agencies/<str:code>/memberships/<int:membership_id>/revoke/",
        administration.staff_revoke,
        name="staff_revoke",
    ),
    # The official calendar (calendar_editing.py): all read it, administrators change it
    path("calendar/", calendar_editing.calendar, name="calendar"),
    path("calendar/day/", calendar_editing.calendar_day, name="calendar_day"),
    path("calendar/notice/", calendar_editing.calendar_notice, name="calendar_notice"),
    # The agency's public pages: 指南, 制度 (page_editing.py)
    path("pages/", page_editing.page_list, name="page_list"),
    path("pages/<str:code>/<str:kind>/", page_editing.page_edit, name="page_edit"),
    path(
        "pages/<str:code>/<str:kind>/revisions/<int:number>/",
        page_editing.page_revision,
        name="page_revision",
    ),
]
