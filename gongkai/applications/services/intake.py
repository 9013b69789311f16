"""Intake: an applicant submits on the portal, or staff register what arrived another way.

Both create the case with a public tracking code and a secret query code (only its hash is
kept; the code itself is returned once, for the receipt 回执). The identity numbers are
checked (GB 11643, GB 32100) before anything is written. A possible repeat (same applicant,
similar description) is flagged for the handler, never refused.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import UniqueConstraint
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.applications.case_clock import store_due_dates
from gongkai.applications.models import (
    APPLICANT_KINDS,
    Application,
    Attachment,
    IdDocumentType,
    Source,
)
from gongkai.applications.procedure.attachments import (
    DEFAULT_TYPES,
    fit_file_name,
    sniff_content_type,
)
from gongkai.applications.procedure.correction import RequestKind
from gongkai.applications.procedure.history import EventKind
from gongkai.applications.procedure.identity import (
    IdentityError,
    validate_credit_code,
    validate_resident_id,
)
from gongkai.applications.procedure.receipt import (
    Channel,
    ReceiptError,
    late_confirmation,
    receipt_date,
)
from gongkai.applications.procedure.workflow import Action, State
from gongkai.applications.query_codes import hash_query_code
from gongkai.applications.selectors import possible_repeats
from gongkai.applications.services.base import (
    ActionResult,
    NewEvent,
    act,
    append_events,
    audit_snapshot,
    case_roles,
    check_step,
    event_date,
)
from gongkai.audit.services import record_event
from gongkai.stored_files import files_removed_on_rollback, written

if TYPE_CHECKING:
    from gongkai.accounts.models import User

__all__ = [
    "Applicant",
    "Submission",
    "application_attach",
    "application_confirm_receipt",
    "application_register",
    "application_submit",
    "store_attachment",
]

_CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read aloud on the phone


@dataclass(frozen=True, slots=True)
class Applicant:
    """Who applies (条例第二十九条第二款第（一）项) and what they ask for (第（二）、（三）项)."""

    kind: str  # an applicant column key of table 三: natural_person, commercial, …
    name: str
    description: str
    id_document_type: str = ""
    id_document_number: str = ""
    credit_code: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    contact_address: str = ""
    agent_name: str = ""
    delivery_form: str = ""
    delivery_route: str = ""
    # 条例第四十一条: a 更正申请 names the record in `description` and says here what in it is
    # inaccurate and how it should read; the evidence comes as attachments.
    request_kind: str = RequestKind.DISCLOSURE.value
    correction_requested: str = ""


@dataclass(frozen=True, slots=True)
class Submission:
    """The new case and its two codes; `query_code` is shown once and never stored."""

    application: Application
    tracking_code: str
    query_code: str


def _random_code(length: int) -> str:
    return "".join(secrets.choice(_CODE_ALPHABET) for _ in range(length))


def new_tracking_code(today: dt.date) -> str:
    """Return an unused public tracking code, e.g. 2026-7K3MQ9TX."""
    while True:
        code = f"{today.year}-{_random_code(8)}"
        if not Application.objects.filter(tracking_code=code).exists():
            return code


def _validated(applicant: Applicant) -> dict[str, Any]:
    errors: dict[str, str] = {}
    if applicant.kind not in APPLICANT_KINDS:
        errors["applicant_kind"] = "申请人类型无效。"
    if not applicant.name.strip():
        errors["applicant_name"] = "请填写申请人姓名或名称。"
    correction = applicant.request_kind == RequestKind.CORRECTION.value
    if applicant.request_kind not in {kind.value for kind in RequestKind}:
        errors["request_kind"] = "申请类型无效。"
    if correction and not applicant.description.strip():
        errors["description"] = (
            "请写明需要更正的、与您自身相关的政府信息记录（名称、文号或者所在位置）。"
        )
    elif not applicant.description.strip():
        errors["description"] = "请写明所需政府信息的名称、文号或者便于查询的其他特征性描述。"
    if correction and not applicant.correction_requested.strip():
        errors["correction_requested"] = "请写明该记录中不准确之处，以及应当如何更正。"
    number = applicant.id_document_number.strip()
    if applicant.id_document_type == IdDocumentType.RESIDENT_ID and number:
        try:
            number = validate_resident_id(number)
        except IdentityError as error:
            errors["id_document_number"] = str(error)
    code = applicant.credit_code.strip()
    if code:
        try:
            code = validate_credit_code(code)
        except IdentityError as error:
            errors["credit_code"] = str(error)
    if errors:
        raise ValidationError(errors)
    return {
        "applicant_kind": applicant.kind,
        "applicant_name": applicant.name.strip(),
        "id_document_type": applicant.id_document_type,
        "id_document_number": number,
        "credit_code": code,
        "contact_phone": applicant.contact_phone.strip(),
        "contact_email": applicant.contact_email.strip(),
        "contact_address": applicant.contact_address.strip(),
        "agent_name": applicant.agent_name.strip(),
        "description": applicant.description.strip(),
        "delivery_form": "" if correction else applicant.delivery_form,
        "delivery_route": "" if correction else applicant.delivery_route,
        "request_kind": applicant.request_kind,
        "correction_requested": applicant.correction_requested.strip() if correction else "",
    }


def _create(
    *,
    agency: Agency,
    fields: dict[str, Any],
    actor: User | None,
    events: Sequence[NewEvent],
    audit_action: str,
    attachments: Sequence[UploadedFile[bytes]],
) -> Submission:
    """Check, then create the case in one short transaction.

    The repeat check reads earlier cases and compares texts: it runs before the transaction,
    on the case not yet saved, so that no lock is held while it works. (Two near-identical
    submissions in the same instant do not see each other; the flag is a hint, not a rule.)
    """
    today = timezone.localdate()
    query_code = _random_code(8)
    application = Application(
        agency=agency,
        tracking_code=new_tracking_code(today),
        query_code_hash=hash_query_code(query_code),
        **fields,
    )
    # The check constraints are the database's, at the insert (Django would ask the database
    # once per constraint here); the unique ones give the person a message (a case number
    # used twice), so they are checked now — only when there is a case number (the one
    # unique constraint excludes none), and the tracking code was checked unused just above.
    # The agency is the caller's object, not input to look up again.
    application.full_clean(
        exclude=["query_code_hash", "agency"], validate_unique=False, validate_constraints=False
    )
    if application.case_number:
        for constraint in Application._meta.constraints:
            if isinstance(constraint, UniqueConstraint):
                constraint.validate(Application, application)
    application.possible_repeat = bool(possible_repeats(application=application))
    with files_removed_on_rollback():  # a failed submission leaves no ID scan behind
        application.save()
        added = append_events(application, events, actor)
        if added:
            store_due_dates(application, added)
        for upload in attachments:
            store_attachment(application=application, upload=upload, actor=actor)
        record_event(
            actor=actor,
            action=audit_action,
            obj=application,
            before=None,
            after={**audit_snapshot(application), "attachments": len(attachments)},
        )
    return Submission(application, application.tracking_code, query_code)


def application_submit(
    *,
    agency: Agency,
    applicant: Applicant,
    attachments: Sequence[UploadedFile[bytes]] = (),
) -> Submission:
    """Create a case from the portal form (channel 网络); it waits for the office to confirm.

    条例第三十一条第（三）项: an online application's receipt date is the day both parties
    confirm it (`application_confirm_receipt`). A natural person gives an identity document.
    """
    if applicant.kind == "natural_person" and not applicant.id_document_number.strip():
        raise ValidationError({"id_document_number": "请填写身份证件号码。"})
    if applicant.request_kind == RequestKind.CORRECTION.value and not attachments:
        # 条例第四十一条: 有证据证明…记录不准确的 — the online request brings its evidence.
        raise ValidationError({"attachments": "更正申请须上传证明该记录不准确的证据材料。"})
    fields = _validated(applicant)
    now = timezone.now()
    fields |= {"source": Source.PORTAL, "channel": Channel.ONLINE.value, "arrived_at": now}
    return _create(
        agency=agency,
        fields=fields,
        actor=None,
        events=[NewEvent(EventKind.SUBMITTED, timezone.localdate(now))],
        audit_action="application.submit",
        attachments=attachments,
    )


def application_register(
    *,
    actor: User,
    agency: Agency,
    applicant: Applicant,
    channel: Channel,
    arrived_on: dt.date,
    signed_for: bool = False,
    confirmed_on: dt.date | None = None,
    case_number: str = "",
    attachments: Sequence[UploadedFile[bytes]] = (),
) -> Submission:
    """Register an application that arrived in person, by post, fax, e-mail or otherwise.

    The receipt date follows 条例第三十一条 (`receipt.receipt_date`): in person the day of
    submission, signed-for post the signature day, otherwise the day of confirmation. When it
    cannot be fixed yet (no confirmation), the case waits in ARRIVED.
    """
    roles, office_head = case_roles(actor, agency)
    check_step(
        state=State.ARRIVED,
        action=Action.REGISTER,
        roles=roles,
        office_head=office_head,
        kind=applicant.request_kind,
    )
    event_date(arrived_on)
    if confirmed_on is not None:
        event_date(confirmed_on)
    fields = _validated(applicant)
    try:
        received: dt.date | None = receipt_date(
            channel=channel, arrived_on=arrived_on, signed_for=signed_for, confirmed_on=confirmed_on
        )
    except ReceiptError:
        if confirmed_on is not None:
            raise
        received = None
    fields |= {
        "source": Source.STAFF,
        "channel": channel.value,
        "arrived_at": timezone.make_aware(dt.datetime.combine(arrived_on, dt.time(9))),
        "case_number": case_number.strip(),
        "state": State.ARRIVED.value if received is None else State.RECEIVED.value,
        "receipt_date": received,
    }
    events = [NewEvent(EventKind.ARRIVED, arrived_on, {"signed_for": signed_for})]
    if received is not None:
        events.append(NewEvent(EventKind.RECEIVED, received))
    return _create(
        agency=agency,
        fields=fields,
        actor=actor,
        events=events,
        audit_action="application.register",
        attachments=attachments,
    )


def application_confirm_receipt(
    *,
    application: Application,
    actor: User,
    seen_version: int,
    confirmed_on: dt.date | None = None,
    contact_lost: str = "",
) -> ActionResult:
    """Record the day the office and the applicant confirmed receipt: the clock starts.

    An ordinary letter confirmed after its arrival day is recorded with a warning unless
    `contact_lost` says why the applicant could not be reached that day (`late_confirmation`).
    """
    day = event_date(confirmed_on)
    arrived = timezone.localdate(application.arrived_at) if application.arrived_at else day
    try:
        received = receipt_date(
            channel=Channel(application.channel), arrived_on=arrived, confirmed_on=day
        )
    except ReceiptError as error:
        raise ValidationError(str(error)) from error
    late = late_confirmation(
        channel=Channel(application.channel),
        arrived_on=arrived,
        confirmed_on=day,
        contact_lost=contact_lost,
    )
    details = {"contact_lost": contact_lost.strip()} if contact_lost.strip() else {}
    result = act(
        application=application,
        actor=actor,
        seen_version=seen_version,
        action=Action.REGISTER,
        events=[NewEvent(EventKind.RECEIVED, received, details)],
        changes={"receipt_date": received},
    )
    if late is None:
        return result
    return ActionResult(application=result.application, warnings=(late, *result.warnings))


def store_attachment(
    *, application: Application, upload: UploadedFile[bytes], actor: User | None
) -> Attachment:
    limit = int(getattr(settings, "GONGKAI_ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024))
    allowed = frozenset(getattr(settings, "GONGKAI_ATTACHMENT_TYPES", DEFAULT_TYPES))
    size = upload.size or 0
    if size > limit:
        raise ValidationError(f"附件不能超过 {limit // (1024 * 1024)} MB。")
    upload.seek(0)
    content_type = sniff_content_type(upload.read(4096))
    upload.seek(0)
    if content_type not in allowed:
        raise ValidationError("附件类型不被接受：请上传 PDF、图片、Word 或 Excel 文件。")
    token = secrets.token_hex(16)
    attachment = Attachment(
        application=application,
        token=token,
        original_name=fit_file_name(upload.name or ""),
        content_type=content_type,
        size=size,
        uploaded_by=actor,
    )
    attachment.file.save(token, upload, save=False)
    written(attachment.file)
    attachment.save()
    return attachment


def application_attach(
    *, application: Application, actor: User, upload: UploadedFile[bytes]
) -> Attachment:
    """Attach a file to a case (staff: e.g. the scanned letter and its envelope)."""
    roles, _ = case_roles(actor, application.agency)
    if not roles:
        raise PermissionDenied("您在本机关没有办理申请的岗位。")
    with files_removed_on_rollback():
        attachment = store_attachment(application=application, upload=upload, actor=actor)
        record_event(
            actor=actor,
            action="application.attach",
            obj=application,
            before=None,
            after={"attachment": attachment.token, "content_type": attachment.content_type},
        )
    return attachment
