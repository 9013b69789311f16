"""Writes on public pages: `page_save`, one transaction and one audit event per saved version."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.audit.services import record_event
from gongkai.pages.models import AgencyPage, AgencyPageRevision, PageKind
from gongkai.pages.permissions import can_edit_pages
from gongkai.pages.portal_version import portal_content_changed
from gongkai.pages.rich_text import has_text, sanitise_body

if TYPE_CHECKING:
    from gongkai.accounts.models import User

TITLE_MAX_LENGTH = 128


def _snapshot(page: AgencyPage, revision: int) -> dict[str, str | int]:
    # The text itself lives in the revision; the audit row points at it.
    return {"title": page.title, "revision": revision, "body_chars": len(page.body)}


def page_save(
    *, actor: User | None, agency: Agency, kind: PageKind, title: str, body: str
) -> AgencyPage:
    """Save a new version of `agency`'s page `kind`; earlier versions stay as revisions.

    `body` is what the editor typed (plain text or allowed HTML); it is sanitised here. Saving
    the same title and text again changes nothing and records nothing.
    """
    if actor is not None and not can_edit_pages(actor, agency):
        raise PermissionDenied(f"无权修改{agency.name}的{PageKind(kind).label}。")
    title = title.strip()
    if not title:
        raise ValidationError({"title": "标题不能为空。"})
    if len(title) > TITLE_MAX_LENGTH:
        raise ValidationError({"title": f"标题至多 {TITLE_MAX_LENGTH} 个字。"})
    html = sanitise_body(body)
    if not has_text(html):
        raise ValidationError({"body": "正文不能为空。"})
    with transaction.atomic():
        page = AgencyPage.objects.select_for_update().filter(agency=agency, kind=kind).first()
        if page is not None and page.title == title and page.body == html:
            return page
        last = page.revisions.order_by("-number").first() if page is not None else None
        before = _snapshot(page, last.number if last else 0) if page is not None else None
        now = timezone.now()
        if page is None:
            page = AgencyPage(agency=agency, kind=kind)
        page.title, page.body, page.updated_by, page.updated_at = title, html, actor, now
        page.full_clean()
        page.save()
        number = (last.number if last else 0) + 1
        AgencyPageRevision.objects.create(
            page=page, number=number, title=title, body=html, saved_by=actor, saved_at=now
        )
        record_event(
            actor=actor,
            action="page.save",
            obj=page,
            before=before,
            after=_snapshot(page, number),
        )
        portal_content_changed()
    return page
