"""Reads on letters: the template in force for an agency, template history, issued letters."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from gongkai.agencies.models import Agency
from gongkai.letters.compose import LetterContext
from gongkai.letters.defaults import DEFAULT_TEMPLATES
from gongkai.letters.kinds import LetterKind, outcome_group
from gongkai.letters.models import IssuedLetter, LetterTemplate

if TYPE_CHECKING:
    from gongkai.applications.models import Application

__all__ = [
    "application_context",
    "issued_letters",
    "template_for",
    "template_keys",
    "template_versions",
]


def template_keys(kind: LetterKind, outcome: str = "") -> tuple[str, ...]:
    """Return the template keys that may serve `kind` and `outcome`, most specific first."""
    if kind is not LetterKind.REPLY:
        return ("",)
    group = outcome_group(outcome)
    return (outcome,) if group == outcome else (outcome, group)


def template_for(*, agency: Agency | None, kind: LetterKind, outcome: str = "") -> LetterTemplate:
    """Return the template in force for `agency`'s letter of `kind` (and reply `outcome`).

    The agency's own latest version, else the system default's latest saved version, else the
    shipped text (`defaults.DEFAULT_TEMPLATES`) as an unsaved version 1 (pk None; the issuing
    service saves it when a letter first uses it). Within each, a template for the exact
    outcome comes before one for its group.
    """
    kind = LetterKind(kind)
    keys = template_keys(kind, outcome)
    owners: list[Agency | None] = [agency, None] if agency is not None else [None]
    for owner in owners:
        for key in keys:
            saved = (
                LetterTemplate.objects.filter(agency=owner, kind=kind, outcome=key)
                .order_by("-version")
                .first()
            )
            if saved is not None:
                return saved
            if owner is None and (kind, key) in DEFAULT_TEMPLATES:
                shipped = DEFAULT_TEMPLATES[(kind, key)]
                return LetterTemplate(
                    agency=None,
                    kind=kind,
                    outcome=key,
                    version=1,
                    title=shipped.title,
                    body=shipped.body,
                )
    raise LookupError(f"没有{kind.label}的模板（{outcome}）")  # unreachable: defaults cover all


def template_versions(
    *, agency: Agency | None, kind: LetterKind, outcome: str = ""
) -> QuerySet[LetterTemplate]:
    """Return every saved version of one template, newest first (for the history page)."""
    return LetterTemplate.objects.filter(agency=agency, kind=kind, outcome=outcome).order_by(
        "-version"
    )


def issued_letters(*, tracking_code: str) -> QuerySet[IssuedLetter]:
    """Return the letters issued on the case `tracking_code`, oldest first."""
    return IssuedLetter.objects.filter(tracking_code=tracking_code).order_by("issued_at", "id")


def application_context(
    application: Application,
    *,
    kind: LetterKind,
    letter_date: dt.date,
    **facts: Any,
) -> LetterContext:
    """Return a LetterContext with the case's own facts filled in from `application`.

    Agency name, applicant's name (the only personal data a letter prints), tracking code,
    receipt date and the information requested come from the case; `facts` are the rest
    (deadlines, reasons, `outcome`, `review_bodies`, `letter_number`, …).
    """
    if application.receipt_date is None:
        raise ValueError("申请尚未确定收到申请之日，不能制发文书。")
    base: dict[str, Any] = {
        "kind": LetterKind(kind),
        "agency_name": application.agency.name,
        "letter_number": "",
        "letter_date": letter_date,
        "applicant_name": application.applicant_name,
        "tracking_code": application.tracking_code,
        "receipt_date": application.receipt_date,
        "information_requested": application.description.strip(),
    }
    return LetterContext(**{**base, **facts})
