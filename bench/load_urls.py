"""URL conf for bench/portal_load.py: the project's URLs plus a trivial view, the baseline the
portal pages are compared with (same server, same middleware, no database, no template)."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def trivial(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/trivial/", trivial),
    path("", include("config.urls")),
]
