"""The two web faces: the public portal at `/`, the staff workspace under `/workspace/`."""

from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "政府信息公开平台管理"
admin.site.site_title = "平台管理"
admin.site.index_title = "平台管理"

urlpatterns = [
    path("workspace/admin/", admin.site.urls),
    path("workspace/", include("gongkai.workspace.urls")),
    path("", include("gongkai.portal.urls")),
]
