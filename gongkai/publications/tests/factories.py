"""Factories for the publications tests: an agency with one person per role, a category."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gongkai.accounts.models import User
from gongkai.agencies.models import Agency, Role
from gongkai.agencies.tests.factories import make_agency, make_member
from gongkai.publications.models import Category, PublishedItem
from gongkai.publications.services import (
    ItemContent,
    ReviewChecklist,
    item_approve,
    item_create_draft,
    item_findings,
    item_publish,
    item_review_clear,
    item_submit,
)

ALL_CLEAR = ReviewChecklist(
    no_state_secrets=True, no_personal_information=True, no_trade_secrets=True
)


@dataclass
class Team:
    agency: Agency
    handler: User
    office: User
    approver: User
    reviewer: User
    category: Category


def make_team(*, code: str | None = None) -> Team:
    agency = make_agency(code=code)
    category = Category.objects.create(agency=agency, name="工作动态", slug="gzdt")
    return Team(
        agency=agency,
        handler=make_member(agency=agency, role=Role.HANDLER),
        office=make_member(agency=agency, role=Role.DISCLOSURE_OFFICE),
        approver=make_member(agency=agency, role=Role.APPROVER),
        reviewer=make_member(agency=agency, role=Role.CONFIDENTIALITY_REVIEWER),
        category=category,
    )


def content(
    team: Team,
    *,
    title: str = "我局召开统计工作会议",
    body: str = "会议部署了全年工作。",
    **extra: Any,
) -> ItemContent:
    extra.setdefault("category", team.category)
    return ItemContent(title=title, body=body, **extra)


def draft(team: Team, **extra: Any) -> PublishedItem:
    return item_create_draft(actor=team.handler, agency=team.agency, content=content(team, **extra))


def cleared(team: Team, **extra: Any) -> PublishedItem:
    item = draft(team, **extra)
    item = item_submit(item=item, actor=team.handler, seen_version=item.version)
    item = item_approve(item=item, actor=team.approver, seen_version=item.version)
    return item_review_clear(
        item=item, actor=team.reviewer, seen_version=item.version, checklist=ALL_CLEAR
    )


def published(team: Team, **extra: Any) -> PublishedItem:
    item = cleared(team, **extra)
    return item_publish(item=item, actor=team.office, seen_version=item.version)


def publish_revision(team: Team, item: PublishedItem) -> PublishedItem:
    """Take the draft (or the revision being prepared) through the whole path; the scan's
    findings are overridden."""
    item.refresh_from_db()
    item = item_submit(item=item, actor=team.handler, seen_version=item.version)
    item = item_approve(item=item, actor=team.approver, seen_version=item.version)
    overrides = {finding.key: "单位办公电话，可以公开" for finding in item_findings(item)}
    item = item_review_clear(
        item=item,
        actor=team.reviewer,
        seen_version=item.version,
        checklist=ALL_CLEAR,
        overrides=overrides,
    )
    return item_publish(item=item, actor=team.office, seen_version=item.version)
