"""Writes on public pages: drafts the office saves, and the act that publishes one.

`page_save_draft` stores what the office typed as a new revision (audited `page.save`); the
portal keeps showing the published text. `page_publish` puts one revision on the portal
(audited `page.publish`). `page_save` does both at once for the demo data and commands.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.audit.services import record_event
from gongkai.pages.markup import html_from_markup
from gongkai.pages.models import AgencyPage, AgencyPageRevision, PageKind
from gongkai.pages.permissions import can_edit_pages
from gongkai.pages.portal_version import portal_content_changed
from gongkai.pages.rich_text import has_text, sanitise_body

if TYPE_CHECKING:
    from gongkai.accounts.models import User

__all__ = ["TITLE_MAX_LENGTH", "page_publish", "page_save", "page_save_draft"]

TITLE_MAX_LENGTH = 128


def _check_actor(actor: User | None, agency: Agency, kind: PageKind) -> None:
    if actor is not None and not can_edit_pages(actor, agency):
        raise PermissionDenied(f"无权修改{agency.name}的{PageKind(kind).label}。")


def page_save_draft(
    *, actor: User | None, agency: Agency, kind: PageKind, title: str, source: str
) -> AgencyPageRevision:
    """Save what the office typed (`source`, in gongkai.pages.markup) as a new draft revision.

    The portal's text does not change. Saving the same title and text as the newest revision
    again returns it and records nothing.
    """
    _check_actor(actor, agency, kind)
    title = title.strip()
    if not title:
        raise ValidationError({"title": "标题不能为空。"})
    if len(title) > TITLE_MAX_LENGTH:
        raise ValidationError({"title": f"标题至多 {TITLE_MAX_LENGTH} 个字。"})
    source = source.replace("\r\n", "\n").replace("\r", "\n").strip()
    html = sanitise_body(html_from_markup(source))
    if not has_text(html):
        raise ValidationError({"body": "正文不能为空。"})
    with transaction.atomic():
        page = AgencyPage.objects.select_for_update().filter(agency=agency, kind=kind).first()
        now = timezone.now()
        if page is None:
            page = AgencyPage(agency=agency, kind=kind, updated_at=now)
            page.full_clean()
            page.save()
        last = page.revisions.order_by("-number").first()
        if last is not None and (last.title, last.source, last.body) == (title, source, html):
            return last
        revision = AgencyPageRevision.objects.create(
            page=page,
            number=(last.number if last else 0) + 1,
            title=title,
            body=html,
            source=source,
            saved_by=actor,
            saved_at=now,
        )
        record_event(
            actor=actor,
            action="page.save",
            obj=page,
            before={"title": last.title, "revision": last.number} if last else None,
            after={"title": title, "revision": revision.number, "body_chars": len(html)},
        )
    return revision


def page_publish(*, actor: User | None, agency: Agency, kind: PageKind, number: int) -> AgencyPage:
    """Put revision `number` on the portal: the page's title and body become the revision's.

    Publishing an older revision brings its text back. The revision already on the portal is
    refused with a Chinese message.
    """
    _check_actor(actor, agency, kind)
    with transaction.atomic():
        page = AgencyPage.objects.select_for_update().filter(agency=agency, kind=kind).first()
        revision = page.revisions.filter(number=number).first() if page is not None else None
        if page is None or revision is None:
            raise ValidationError(f"{PageKind(kind).label}没有第 {number} 版。")
        if page.published_number == number:
            raise ValidationError(f"第 {number} 版已在门户网站显示，无需再次发布。")
        before = (
            {"title": page.title, "revision": page.published_number} if page.is_published else None
        )
        page.title, page.body, page.published_number = revision.title, revision.body, number
        page.updated_by, page.updated_at = actor, timezone.now()
        page.full_clean()
        page.save()
        record_event(
            actor=actor,
            action="page.publish",
            obj=page,
            before=before,
            after={"title": page.title, "revision": number, "body_chars": len(page.body)},
        )
        portal_content_changed()
    return page


def page_save(
    *, actor: User | None, agency: Agency, kind: PageKind, title: str, body: str
) -> AgencyPage:
    """Save `body` (markup) as a draft and publish it at once, when it differs from the
    published text: for the demo data and commands, where no one previews."""
    with transaction.atomic():
        revision = page_save_draft(actor=actor, agency=agency, kind=kind, title=title, source=body)
        page = revision.page
        if page.published_number != revision.number:
            page = page_publish(actor=actor, agency=agency, kind=kind, number=revision.number)
    return page
