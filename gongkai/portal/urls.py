from django.urls import path

from gongkai.portal import applying, page_views, tracking, views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("guide/", page_views.guide, name="guide"),
    path("policies/", page_views.policies, name="policies"),
    # 依申请公开: the application form, its receipt, the status page (applying.py, tracking.py)
    path("apply/", applying.apply, name="apply"),
    path("apply/receipt/", applying.receipt, name="apply_receipt"),
    path("track/", tracking.track, name="track"),
    path("track/<str:tracking_code>/", tracking.track_status, name="track_status"),
    path(
        "track/<str:tracking_code>/letters/<int:letter_id>/<str:fmt>/",
        tracking.track_letter,
        name="track_letter",
    ),
]
