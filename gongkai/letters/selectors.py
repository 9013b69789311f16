"""Reads on letters: the template in force for an agency, template history, issued letters."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import QuerySet

from gongkai.agencies.models import Agency
from gongkai.agencies.permissions import AGENCY_TEXTS
from gongkai.agencies.selectors import agencies_in
from gongkai.applications.procedure.remedies import DEFAULT_RECONSIDERATION_FIRST, ReviewBodies
from gongkai.letters.composition.compose import LetterContext
from gongkai.letters.composition.defaults import DEFAULT_TEMPLATES
from gongkai.letters.composition.kinds import LetterKind, outcome_group
from gongkai.letters.models import IssuedLetter, LetterSettings, LetterTemplate

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from gongkai.accounts.models import User
    from gongkai.applications.models import Application

__all__ = [
    "DEFAULT_NUMBER_PREFIX",
    "REVIEW_ORGAN_MISSING",
    "AgencyLetterSettings",
    "agencies_with_letter_settings_edited_by",
    "application_context",
    "issued_letters",
    "letter_settings_for",
    "template_for",
    "template_keys",
    "template_versions",
]


def template_keys(kind: LetterKind, outcome: str = "", ground: str = "") -> tuple[str, ...]:
    """Return the template keys that may serve `kind` and `outcome`, most specific first.

    A reply whose decision names its ground (`gongkai.applications.procedure.grounds`) looks first
    for a template of that ground, keyed "outcome:ground" (e.g. 本机关不掌握 on the ground
    not_ours).
    """
    if kind is LetterKind.CORRECTION_REPLY:
        return (outcome,)
    if kind is not LetterKind.REPLY:
        return ("",)
    group = outcome_group(outcome)
    keys = (outcome,) if group == outcome else (outcome, group)
    return (f"{outcome}:{ground}", *keys) if ground else keys


def template_for(
    *, agency: Agency | None, kind: LetterKind, outcome: str = "", ground: str = ""
) -> LetterTemplate:
    """Return the template in force for `agency`'s letter of `kind` (and reply `outcome`).

    The agency's own latest version, else the system default's latest saved version, else the
    shipped text (`defaults.DEFAULT_TEMPLATES`) as an unsaved version 1 (pk None; the issuing
    service saves it when a letter first uses it). Within each, a template for the exact
    outcome comes before one for its group.
    """
    kind = LetterKind(kind)
    keys = template_keys(kind, outcome, ground)
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


def issued_letters(
    *, tracking_code: str | None = None, application: Application | None = None
) -> QuerySet[IssuedLetter]:
    """Return the letters issued on a case (by its code or record), oldest first.

    A letter is issued once its files are attached: a number reserved while its files are
    drawn (`letter_issue`), or left by a worker killed in between, is not one."""
    letters = IssuedLetter.objects.exclude(docx_file="", pdf_file="")
    if application is not None:
        letters = letters.filter(application=application)
    else:
        letters = letters.filter(tracking_code=tracking_code)
    return letters.order_by("issued_at", "id")


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
        # 条例第四十一条: what the applicant says is inaccurate (a 更正申请 only).
        "correction_requested": application.correction_requested.strip(),
    }
    return LetterContext(**{**base, **facts})


DEFAULT_NUMBER_PREFIX = "依申请公开"
"""The 文号 prefix of an agency that set none: 依申请公开〔2024〕7号."""


@dataclass(frozen=True, slots=True)
class AgencyLetterSettings:
    """An agency's letter settings as used: what it saved, defaults where it saved nothing.

    `derived` names the fields that are defaults, so the settings page can say so.
    """

    reconsideration_organ: str
    court: str
    number_prefix: str
    fee_payment_method: str
    office_address: str
    derived: frozenset[str]

    @property
    def review_bodies(self) -> ReviewBodies:
        """Return the reviewing bodies a reply letter names (court "" prints 人民法院), with the
        jurisdiction's reading of 复议前置 (settings.GONGKAI_RECONSIDERATION_FIRST_GROUPS)."""
        groups = getattr(settings, "GONGKAI_RECONSIDERATION_FIRST_GROUPS", None)
        return ReviewBodies(
            reconsideration_organ=self.reconsideration_organ,
            court=self.court,
            reconsideration_first=(
                frozenset(groups) if groups is not None else DEFAULT_RECONSIDERATION_FIRST
            ),
        )


REVIEW_ORGAN_MISSING = (
    "本机关尚未设置行政复议机关，答复书无法写明救济途径。"
    "请公开办或系统管理员在工作平台首页“文书设置”中填写：一般为本级人民政府"
    "（行政复议法第二十四条）；实行垂直领导的机关为上一级主管部门（第二十七条）。"
)
"""Why a reply cannot be issued yet, and where the office sets what is missing."""


def letter_settings_for(agency: Agency) -> AgencyLetterSettings:
    """Return `agency`'s letter settings, with defaults for whatever it left blank.

    The reconsideration organ has no default (行政复议法（2023年修订）第二十四条、第二十七条:
    the government at the same level, or the higher department of a vertically managed body —
    never simply the agency's supervising office): "" until the agency sets it, and no reply
    can be issued meanwhile (`REVIEW_ORGAN_MISSING`).
    """
    saved = LetterSettings.objects.filter(agency=agency).first()
    organ = saved.reconsideration_organ.strip() if saved else ""
    prefix = saved.number_prefix.strip() if saved else ""
    derived = set()
    if not prefix:
        prefix = DEFAULT_NUMBER_PREFIX
        derived.add("number_prefix")
    return AgencyLetterSettings(
        reconsideration_organ=organ,
        court=saved.court.strip() if saved else "",
        number_prefix=prefix,
        fee_payment_method=saved.fee_payment_method.strip() if saved else "",
        office_address=saved.office_address.strip() if saved else "",
        derived=frozenset(derived),
    )


def agencies_with_letter_settings_edited_by(*, user: User | AnonymousUser) -> QuerySet[Agency]:
    """Agencies whose letter settings the user may change: `AGENCY_TEXTS`, the scope of
    permissions.can_edit_letter_templates."""
    return agencies_in(AGENCY_TEXTS, user=user)
