"""The confidentiality review (保密审查): the automatic scan, the checklist, overrides.

条例第十七条: an agency reviews information for confidentiality before it is published. The
checklist records that the reviewer checked each kind of protected information (state secrets,
personal information, trade secrets) and found none; the scan finds personal data patterns in
the title, body and text attachments of the version under review. Clearing is refused while a
checklist answer is missing or a finding is neither resolved (edited out, after a rejection)
nor overridden with a reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils import timezone

from gongkai.publications.models import (
    ConfidentialityReview,
    ItemAttachment,
    PublishedItem,
    ReviewOutcome,
)
from gongkai.publications.scan import Finding, attachment_source, scan_text, unresolved
from gongkai.publications.services.base import act
from gongkai.publications.services.content import latest_revision
from gongkai.publications.workflow import Action, WorkflowError

if TYPE_CHECKING:
    from gongkai.accounts.models import User

__all__ = [
    "ReviewChecklist",
    "UnresolvedFindings",
    "item_findings",
    "item_review_clear",
    "item_review_reject",
]


@dataclass(frozen=True, slots=True)
class ReviewChecklist:
    """The reviewer's answers: True means "checked, and it contains none"."""

    no_state_secrets: bool
    no_personal_information: bool
    no_trade_secrets: bool

    def missing(self) -> list[str]:
        names = (
            (self.no_state_secrets, "国家秘密"),
            (self.no_personal_information, "个人隐私"),
            (self.no_trade_secrets, "商业秘密"),
        )
        return [label for answered, label in names if not answered]


class UnresolvedFindings(WorkflowError):
    """Clearing refused: these findings are neither removed nor overridden with a reason."""

    def __init__(self, findings: tuple[Finding, ...]) -> None:
        kinds = "、".join(sorted({f.kind.label for f in findings}))
        super().__init__(
            f"自动检查发现 {len(findings)} 处疑似个人信息（{kinds}）尚未处理："
            "请退回修改，或逐项说明可以公开的理由"
        )
        self.findings = findings


def item_findings(item: PublishedItem) -> tuple[Finding, ...]:
    """Return the scan's findings in the item's latest revision and its text attachments."""
    revision = latest_revision(item)
    findings = [
        *scan_text(revision.title, source="title"),
        *scan_text(revision.body_text),
    ]
    attachments = (
        ItemAttachment.objects.filter(item=item)
        .in_revision(item.revision_number)
        .exclude(extracted_text="")
    )
    for attachment in attachments.order_by("id"):
        findings.extend(
            scan_text(attachment.extracted_text, source=attachment_source(attachment.pk))
        )
    return tuple(findings)


def item_review_clear(
    *,
    item: PublishedItem,
    actor: User,
    seen_version: int,
    checklist: ReviewChecklist,
    overrides: Mapping[str, str] | None = None,
    note: str = "",
) -> PublishedItem:
    """Clear the approved item for publication, recording the checklist, scan and overrides."""
    if missing := checklist.missing():
        raise WorkflowError(f"保密审查清单未确认：{'、'.join(missing)}")
    given = {key: reason.strip() for key, reason in (overrides or {}).items()}

    def check(current: PublishedItem) -> None:
        left = unresolved(item_findings(current), given)
        if left:
            raise UnresolvedFindings(left)

    def apply(current: PublishedItem) -> None:
        findings = item_findings(current)
        keys = {finding.key for finding in findings}
        ConfidentialityReview.objects.create(
            item=current,
            revision_number=current.revision_number,
            no_state_secrets=True,
            no_personal_information=True,
            no_trade_secrets=True,
            findings=[finding.as_json() for finding in findings],
            overrides={key: reason for key, reason in given.items() if key in keys and reason},
            outcome=ReviewOutcome.CLEARED,
            reason=note.strip(),
            reviewer=actor,
            decided_at=timezone.now(),
        )

    return act(
        item=item,
        actor=actor,
        seen_version=seen_version,
        action=Action.REVIEW_CLEAR,
        reason=note.strip(),
        check=check,
        apply=apply,
    )


def item_review_reject(
    *,
    item: PublishedItem,
    actor: User,
    seen_version: int,
    reason: str,
    checklist: ReviewChecklist | None = None,
) -> PublishedItem:
    """Send the item back to draft: it may not be published as it is (reason required)."""
    text = reason.strip()
    if not text:
        raise WorkflowError("保密审查不通过须说明理由")
    answers = checklist or ReviewChecklist(False, False, False)

    def apply(current: PublishedItem) -> None:
        ConfidentialityReview.objects.create(
            item=current,
            revision_number=current.revision_number,
            no_state_secrets=answers.no_state_secrets,
            no_personal_information=answers.no_personal_information,
            no_trade_secrets=answers.no_trade_secrets,
            findings=[finding.as_json() for finding in item_findings(current)],
            overrides={},
            outcome=ReviewOutcome.REJECTED,
            reason=text,
            reviewer=actor,
            decided_at=timezone.now(),
        )

    return act(
        item=item,
        actor=actor,
        seen_version=seen_version,
        action=Action.REVIEW_REJECT,
        reason=text,
        apply=apply,
    )
