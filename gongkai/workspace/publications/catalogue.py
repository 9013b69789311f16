"""The catalogue dashboard (政务公开事项目录): what is overdue, late or missing, per agency."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from gongkai.agencies.models import Agency, Membership, Role
from gongkai.agencies.selectors import agencies_visible_to
from gongkai.publications.selectors import catalogue_dashboard
from gongkai.publications.services import can_keep_catalogue
from gongkai.workspace.signed_in import SignedInRequest

# Those who answer for what the agency owes: the office, leaders, the supervising office.
CATALOGUE_ROLES = [Role.DISCLOSURE_OFFICE, Role.LEADER, Role.SUPERVISING_REVIEWER]


def may_view_catalogue(user: Any) -> bool:
    """Whether the user answers for an agency's catalogue (or is the platform's superuser)."""
    return bool(user.is_superuser) or (
        Membership.objects.filter(
            user_id=user.pk, revoked_at__isnull=True, role__in=CATALOGUE_ROLES
        ).exists()
    )


@require_safe
@login_required
def catalogue(request: SignedInRequest) -> HttpResponse:
    user = request.user
    if not may_view_catalogue(user):
        raise PermissionDenied("无权查看政务公开事项目录。")
    agencies: list[Agency] = list(agencies_visible_to(user=user).order_by("name"))
    blocks = [
        {
            "agency": agency,
            "statuses": catalogue_dashboard(agency=agency),
            "can_keep": can_keep_catalogue(user, agency),
        }
        for agency in agencies
    ]
    blocks = [block for block in blocks if block["statuses"]] or blocks[:1]
    return render(request, "workspace/publications/catalogue.html", {"blocks": blocks})
