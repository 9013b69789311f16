"""Reads on public pages: the page the portal shows, its drafts and revisions, the agencies a
user edits."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from gongkai.agencies.models import Agency
from gongkai.agencies.permissions import AGENCY_TEXTS
from gongkai.agencies.selectors import agencies_in
from gongkai.pages.markup import markup_from_html
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


def published_page_of(*, agency: Agency, kind: PageKind) -> AgencyPage | None:
    """The page as the portal shows it: None until a revision has been published."""
    return (
        AgencyPage.objects.select_related("agency")
        .filter(agency=agency, kind=kind, published_number__isnull=False)
        .first()
    )


def newest_revision_of(*, page: AgencyPage) -> AgencyPageRevision | None:
    return page.revisions.select_related("saved_by").order_by("-number").first()


def draft_of(*, page: AgencyPage) -> AgencyPageRevision | None:
    """The newest revision when it is not the published one (a draft waiting), else None."""
    newest = newest_revision_of(page=page)
    if newest is None or newest.number == page.published_number:
        return None
    return newest


def editor_text(revision: AgencyPageRevision) -> str:
    """What the editor shows for `revision`: its markup, or markup made from its HTML when it
    was saved before the editor took markup."""
    return revision.source or markup_from_html(revision.body)


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
