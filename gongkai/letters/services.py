"""Writes on letters: `template_save` (a new template version) and `letter_issue`.

Each write carries its audit event in its transaction (STYLE habit 3). `letter_issue` is what
the case pages call for every notice and reply: it picks the template in force, numbers the
letter, composes it, refuses it while anything is missing, writes the files and records it —
the number in one short transaction, the files rendered outside any, then attached in a second
short transaction, so no agency waits on a PDF being drawn (issue 13 item 4).
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.applications.procedure.correction import CORRECTION_DECISIONS
from gongkai.audit.services import record_event
from gongkai.letters.composition.compose import LetterContext, TemplateText, compose_letter
from gongkai.letters.composition.kinds import REPLY_GROUPS, LetterFormat, LetterKind
from gongkai.letters.composition.placeholders import template_problems
from gongkai.letters.models import IssuedLetter, LetterSettings, LetterTemplate
from gongkai.letters.permissions import can_edit_letter_templates, can_issue_letters
from gongkai.letters.render import render_letter
from gongkai.letters.selectors import (
    DEFAULT_NUMBER_PREFIX,
    REVIEW_ORGAN_MISSING,
    letter_settings_for,
    template_for,
)
from gongkai.report.catalogue import OUTCOME_KEYS
from gongkai.stored_files import files_removed_on_rollback, written

if TYPE_CHECKING:
    from gongkai.accounts.models import User
    from gongkai.applications.models import Application

__all__ = [
    "DEFAULT_NUMBER_PREFIX",
    "SETTINGS_FIELDS",
    "letter_issue",
    "letter_settings_save",
    "template_save",
]

logger = logging.getLogger(__name__)

TITLE_MAX_LENGTH = 128
ALL_FORMATS = (LetterFormat.DOCX, LetterFormat.PDF)


def _check_outcome(kind: LetterKind, outcome: str) -> None:
    if kind is LetterKind.CORRECTION_REPLY:
        if outcome not in {o.value for o in CORRECTION_DECISIONS}:
            raise ValidationError({"outcome": "更正申请答复书模板须对应更正申请的一种办理结果。"})
        return
    if kind is not LetterKind.REPLY:
        if outcome:
            raise ValidationError({"outcome": f"{kind.label}不区分办理结果。"})
    elif outcome not in REPLY_GROUPS and outcome not in OUTCOME_KEYS:
        raise ValidationError({"outcome": "答复书模板须对应一类办理结果或一项具体办理结果。"})


def template_save(
    *,
    actor: User | None,
    agency: Agency | None,
    kind: LetterKind | str,
    outcome: str = "",
    title: str,
    body: str,
) -> LetterTemplate:
    """Save a new version of a letter template; earlier versions stay.

    `agency` None saves the system default (platform superuser only). The text is refused, with
    every problem listed in Chinese, when it uses a placeholder that is unknown or does not fit
    the kind. Saving the current text again changes nothing and records nothing.
    """
    kind = LetterKind(kind)
    if actor is not None:
        allowed = actor.is_superuser if agency is None else can_edit_letter_templates(actor, agency)
        if not allowed:
            owner = agency.name if agency is not None else "系统默认"
            raise PermissionDenied(f"无权修改{owner}的{kind.label}模板。")
    _check_outcome(kind, outcome)
    title = title.strip()
    body = "\n".join(line.rstrip() for line in body.replace("\r\n", "\n").split("\n")).strip()
    errors: dict[str, list[str]] = {}
    if not title:
        errors["title"] = ["标题不能为空。"]
    elif len(title) > TITLE_MAX_LENGTH:
        errors["title"] = [f"标题至多 {TITLE_MAX_LENGTH} 个字。"]
    elif problems := template_problems(title, kind):
        errors["title"] = problems
    if not body:
        errors["body"] = ["正文模板不能为空。"]
    elif problems := template_problems(body, kind):
        errors["body"] = problems
    if errors:
        raise ValidationError(errors)

    with transaction.atomic():
        versions = LetterTemplate.objects.select_for_update().filter(
            agency=agency, kind=kind, outcome=outcome
        )
        last = versions.order_by("-version").first()
        if last is not None and last.title == title and last.body == body:
            return last
        template = LetterTemplate.objects.create(
            agency=agency,
            kind=kind,
            outcome=outcome,
            version=(last.version if last is not None else 0) + 1,
            title=title,
            body=body,
            saved_by=actor,
            saved_at=timezone.now(),
        )
        record_event(
            actor=actor,
            action="letter_template.save",
            obj=template,
            before={"version": last.version} if last is not None else None,
            after={
                "kind": kind.value,
                "outcome": outcome,
                "version": template.version,
                "title": title,
                "body_chars": len(body),
            },
            agency=agency,
        )
    return template


def _saved(template: LetterTemplate) -> LetterTemplate:
    """Return `template`, saving a shipped default (pk None) the first time a letter uses it."""
    if template.pk is not None:
        return template
    lookup = {"agency": None, "kind": template.kind, "outcome": template.outcome}
    try:
        with transaction.atomic():  # savepoint: another letter may save it at the same moment
            template.saved_at = timezone.now()
            template.save()
            return template
    except IntegrityError:
        return LetterTemplate.objects.filter(**lookup).order_by("version").first() or template


def letter_issue(
    *,
    agency: Agency,
    context: LetterContext,
    actor: User | None,
    application: Application | None = None,
    formats: Iterable[LetterFormat | str] = ALL_FORMATS,
    number_prefix: str | None = None,
) -> IssuedLetter:
    """Compose, number, write and store the letter `context` describes; return the record.

    The template is the agency's own, else the system default (`template_for`). The number is
    `context.letter_number` if given, else the agency's next of the letter's year with
    `number_prefix`, by default the agency's own (`letter_settings_for`): 依申请公开〔2024〕7号.
    Refused (ValidationError, Chinese) while the letter has problems — a placeholder without a
    value, an unknown placeholder in a stored template, no reviewing body for a reply. `actor`
    None means a system command.
    """
    if actor is not None and not can_issue_letters(actor, agency):
        raise PermissionDenied(f"无权以{agency.name}名义制发文书。")
    wanted = tuple(dict.fromkeys(LetterFormat(fmt) for fmt in formats))
    if not wanted:
        raise ValueError("formats: at least one of docx, pdf")
    tracking_code = context.tracking_code
    if application is not None:
        if application.agency_id != agency.pk:
            raise PermissionDenied("该申请不属于本机关。")
        tracking_code = application.tracking_code
    kind = LetterKind(context.kind)
    bodies = context.review_bodies
    if kind.has_remedies and (bodies is None or not bodies.reconsideration_organ.strip()):
        raise ValidationError(REVIEW_ORGAN_MISSING)
    if number_prefix is None:
        number_prefix = letter_settings_for(agency).number_prefix
    template = template_for(
        agency=agency, kind=kind, outcome=context.outcome, ground=context.ground
    )
    text = TemplateText(template.title, template.body)
    year = context.letter_date.year
    # 1. A short transaction under the agency's lock: the number, the composed text and the
    #    record (without files yet). Rendering, the slow part, stays out of it (issue 13 item 4).
    with transaction.atomic():
        # One number at a time per agency: the row lock orders concurrent issues.
        Agency.objects.select_for_update().filter(pk=agency.pk).exists()
        last = IssuedLetter.objects.filter(agency=agency, year=year).aggregate(n=Max("sequence"))
        sequence = (last["n"] or 0) + 1
        number = context.letter_number.strip() or f"{number_prefix}〔{year}〕{sequence}号"
        filled = dataclasses.replace(
            context,
            kind=kind,
            agency_name=agency.name,
            letter_number=number,
            tracking_code=tracking_code,
        )
        letter = compose_letter(filled, text)
        if letter.problems:
            raise ValidationError(list(letter.problems))
        issued = IssuedLetter.objects.create(
            agency=agency,
            application=application,
            tracking_code=tracking_code,
            kind=kind,
            outcome=context.outcome,
            year=year,
            sequence=sequence,
            number=number,
            letter_date=context.letter_date,
            title=letter.title,
            text=letter.plain_text(),
            template=_saved(template),
            issued_by=actor,
            issued_at=timezone.now(),
        )
    try:
        # 2. The files, rendered with no transaction and no lock open.
        files = {fmt: render_letter(letter, fmt) for fmt in wanted}
        # 3. A second short transaction attaches them and records the issue.
        _attach(issued, files, actor=actor, context=context)
    except BaseException:
        try:
            _release(issued)
        except Exception:  # the first error is the one to report
            logger.exception("could not release the number of letter %s", issued.number)
        raise
    return issued


def _attach(
    issued: IssuedLetter,
    files: dict[LetterFormat, bytes],
    *,
    actor: User | None,
    context: LetterContext,
) -> None:
    """Store the rendered files on the reserved record and write the audit event."""
    stem = f"{issued.tracking_code or 'letter'}-{issued.kind}-{issued.year}-{issued.sequence}"
    with files_removed_on_rollback():
        for fmt, content in files.items():
            field = issued.docx_file if fmt is LetterFormat.DOCX else issued.pdf_file
            # Written before the record commits (never a record without its file), removed if
            # the transaction rolls back (never a file without its record).
            field.save(f"{stem}.{fmt.value}", ContentFile(content), save=False)
            written(field)
        issued.save(update_fields=["docx_file", "pdf_file"])
        record_event(
            actor=actor,
            action="letter.issue",
            obj=issued,
            before=None,
            after={
                "kind": issued.kind,
                "outcome": context.outcome,
                "number": issued.number,
                "letter_date": context.letter_date.isoformat(),
                "template_id": issued.template_id,
                "template_version": issued.template.version,
                "formats": [fmt.value for fmt in files],
            },
        )


def _release(issued: IssuedLetter) -> None:
    """Delete a reserved record whose files could not be written, giving its number back.

    The letter was never issued (no file, no audit event), so nothing is lost. Its number goes
    back to the agency: the next letter takes it, unless another letter was numbered while this
    one rendered — then the number stays unused, a gap the log explains (decision 0017).
    """
    with transaction.atomic():
        IssuedLetter.objects.filter(pk=issued.pk).delete()
        later = IssuedLetter.objects.filter(
            agency_id=issued.agency_id, year=issued.year, sequence__gt=issued.sequence
        ).exists()
    if later:
        logger.warning(
            "letter %s was not issued (its files could not be written); the number stays unused",
            issued.number,
        )


SETTINGS_FIELDS = (
    "reconsideration_organ",
    "court",
    "number_prefix",
    "fee_payment_method",
    "office_address",
)


def letter_settings_save(
    *,
    actor: User | None,
    agency: Agency,
    reconsideration_organ: str = "",
    court: str = "",
    number_prefix: str = "",
    fee_payment_method: str = "",
    office_address: str = "",
) -> LetterSettings:
    """Save `agency`'s letter settings (blank: the default applies); one audit event a change.

    The disclosure office or the agency's administrators (`can_edit_letter_templates`). A 文号
    prefix may not hold the brackets or 号 the number adds itself.
    """
    if actor is not None and not can_edit_letter_templates(actor, agency):
        raise PermissionDenied(f"无权修改{agency.name}的文书设置。")
    values = {
        "reconsideration_organ": reconsideration_organ.strip(),
        "court": court.strip(),
        "number_prefix": number_prefix.strip(),
        "fee_payment_method": fee_payment_method.strip(),
        "office_address": office_address.strip(),
    }
    if any(mark in values["number_prefix"] for mark in "〔〕[]()（）"):
        raise ValidationError({"number_prefix": "文号前缀只填机关代字，年份和序号由系统编排。"})
    with transaction.atomic():
        saved, created = LetterSettings.objects.select_for_update().get_or_create(agency=agency)
        before = {name: getattr(saved, name) for name in SETTINGS_FIELDS}
        if not created and before == values:
            return saved
        for name, value in values.items():
            setattr(saved, name, value)
        saved.updated_at = timezone.now()
        saved.full_clean()
        saved.save()
        record_event(
            actor=actor,
            action="letter_settings.save",
            obj=saved,
            before=None if created else before,
            after=values,
            agency=agency,
        )
    return saved
