"""Reads on public pages: the page the portal shows, its revisions, the agencies a user edits."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from gongkai.agencies.models import Agency
from gongkai.agencies.permissions import AGENCY_TEXTS
from gongkai.agencies.selectors import agencies_in
from gongkai.pages.models import AgencyPage, AgencyPageRevision, PageKind

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from gongkai.accounts.models import User


def page_of(*, agency: Agency, kind: PageKind) -> AgencyPage | None:
    """The current text of `agency`'s page `kind`, or None while none has been written."""
    return (
        AgencyPage.objects.select_related("agency", "updated_by")
        .filter(agency=agency, kind=kind)
        .first()
    )


def pages_of(*, agency: Agency) -> dict[PageKind, AgencyPage | None]:
    """Every kind of page, written or not, in the order the portal lists them."""
    pages = AgencyPage.objects.filter(agency=agency).select_related("updated_by")
    written = {page.kind: page for page in pages}
    return {kind: written.get(kind.value) for kind in PageKind}


def revisions_of(*, page: AgencyPage) -> QuerySet[AgencyPageRevision]:
    """The page's saved versions, newest first."""
    return page.revisions.select_related("saved_by").order_by("-number")


def agencies_with_pages_edited_by(*, user: User | AnonymousUser) -> QuerySet[Agency]:
    """Agencies whose pages the user may edit: `AGENCY_TEXTS`, the scope of can_edit_pages."""
    return agencies_in(AGENCY_TEXTS, user=user)
