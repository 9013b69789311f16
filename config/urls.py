"""The two web faces: the public portal at `/`, the staff workspace under `/workspace/`;
the JSON API under `/api/`."""

from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView

from gongkai.api.site import api

admin.site.site_header = "政府信息公开平台管理"
admin.site.site_title = "平台管理"
admin.site.index_title = "平台管理"

urlpatterns = [
    # Pages link the icon (base.html); this answers browsers and the admin that ask anyway.
    # Lazy: the manifest storage of production knows the hashed name only after collectstatic.
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("gongkai/favicon.svg"))),
    path("workspace/admin/", admin.site.urls),
    path("workspace/", include("gongkai.workspace.urls")),
    path("api/", api.urls),
    path("", include("gongkai.portal.urls")),
]
