"""The two web faces: the public portal at `/`, the staff workspace under `/workspace/`."""

from django.urls import include, path

urlpatterns = [
    path("workspace/", include("gongkai.workspace.urls")),
    path("", include("gongkai.portal.urls")),
]
