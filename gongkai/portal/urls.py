from django.urls import path

from gongkai.portal import page_views, views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("guide/", page_views.guide, name="guide"),
    path("policies/", page_views.policies, name="policies"),
]
