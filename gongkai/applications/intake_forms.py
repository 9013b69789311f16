"""The application form (申请表): the portal's and the staff registration's, one set of fields.

It checks what a person can correct at once, with the Chinese message beside the field: the id
number's and the credit code's check characters (GB 11643, GB 32100), the identity the kind of
applicant needs, a way to reach the applicant, the attachments' size and type (sniffed from
the content). The services check again; `form_errors.add_service_errors` shows their
refusals on the form.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from gongkai.applications.models import (
    APPLICANT_KIND_CHOICES,
    DeliveryForm,
    DeliveryRoute,
    IdDocumentType,
)
from gongkai.applications.procedure.attachments import DEFAULT_TYPES, sniff_content_type
from gongkai.applications.procedure.correction import RequestKind
from gongkai.applications.procedure.identity import (
    IdentityError,
    validate_credit_code,
    validate_resident_id,
)
from gongkai.applications.procedure.receipt import Channel
from gongkai.applications.services import Applicant

__all__ = [
    "MAX_ATTACHMENTS",
    "ApplicationForm",
    "RegistrationForm",
    "checked_attachments",
]

MAX_ATTACHMENTS = 10
# A phone number as people write it: +86, an area code, "-", spaces, 转 and an extension; at
# least seven digits in all, and nothing else.
_PHONE = re.compile(r"(?=(?:\D*\d){7})[+＋]?[\d\s\-－()（）]+(?:(?:转|-|ext\.?)\s*\d{1,6})?")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile[bytes]]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


def checked_attachments(files: list[UploadedFile[bytes]]) -> list[UploadedFile[bytes]]:
    """Return `files`, or raise ValidationError listing each too large or unaccepted one."""
    if len(files) > MAX_ATTACHMENTS:
        raise ValidationError(f"附件至多 {MAX_ATTACHMENTS} 个。")
    limit = _attachment_limit()
    allowed = frozenset(getattr(settings, "GONGKAI_ATTACHMENT_TYPES", DEFAULT_TYPES))
    problems = []
    for upload in files:
        if (upload.size or 0) > limit:
            problems.append(f"“{upload.name}”超过 {limit // (1024 * 1024)} MB。")
            continue
        upload.seek(0)
        kind = sniff_content_type(upload.read(4096))
        upload.seek(0)
        if kind not in allowed:
            problems.append(
                f"“{upload.name}”的类型不被接受：请上传 PDF、图片、Word、Excel 或纯文本文件。"
            )
    if sum(upload.size or 0 for upload in files) > _upload_limit():
        problems.append(f"附件合计不能超过 {_upload_limit() // (1024 * 1024)} MB。")
    if problems:
        raise ValidationError(problems)
    return files


def _attachment_limit() -> int:
    return int(getattr(settings, "GONGKAI_ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024))


def _upload_limit() -> int:
    """All files of one submission together (within nginx's limit: config/settings/base.py)."""
    return int(getattr(settings, "GONGKAI_UPLOAD_MAX_BYTES", 20 * 1024 * 1024))


class ApplicationForm(forms.Form):
    """What 条例第二十九条 asks of an applicant, and the attachments; or, as a 更正申请
    (条例第四十一条), the record about the applicant, what is inaccurate, and the evidence."""

    request_kind = forms.ChoiceField(
        label="申请类型",
        choices=[
            (RequestKind.DISCLOSURE.value, "政府信息公开申请：获取政府信息"),
            (
                RequestKind.CORRECTION.value,
                "更正申请：本机关提供的与本人相关的政府信息记录不准确，要求更正（条例第四十一条）",
            ),
        ],
        initial=RequestKind.DISCLOSURE.value,
        widget=forms.RadioSelect,
        required=False,  # not chosen: a disclosure request, as before the choice existed
    )
    applicant_kind = forms.ChoiceField(
        label="申请人类型",
        choices=APPLICANT_KIND_CHOICES,
        initial="natural_person",
        help_text="自然人，或法人和其他组织的类别。",
    )
    applicant_name = forms.CharField(
        label="申请人姓名或名称", max_length=128, help_text="法人或其他组织填写全称。"
    )
    id_document_type = forms.ChoiceField(
        label="身份证件类型",
        choices=[("", "（请选择）"), *IdDocumentType.choices],
        required=False,
        help_text="自然人填写。",
    )
    id_document_number = forms.CharField(label="身份证件号码", max_length=64, required=False)
    credit_code = forms.CharField(
        label="统一社会信用代码",
        max_length=18,
        required=False,
        help_text="法人或其他组织填写，18位。",
    )
    agent_name = forms.CharField(label="代理人（如有）", max_length=128, required=False)
    contact_phone = forms.CharField(label="联系电话", max_length=32, required=False)
    contact_email = forms.EmailField(label="电子邮箱", required=False)
    contact_address = forms.CharField(label="通信地址", max_length=255, required=False)
    description = forms.CharField(
        label="所需政府信息的名称、文号或者便于查询的其他特征性描述",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        help_text="更正申请：写明需要更正的、与本人相关的政府信息记录（名称、文号或者所在位置）。",
    )
    correction_requested = forms.CharField(
        label="不准确之处及更正请求（更正申请填写）",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
        help_text="写明该记录中哪些内容不准确、应当如何更正；证明材料请作为附件上传。",
    )
    # Required of a disclosure request (checked in `clean`); a 更正申请 asks for no information.
    delivery_form = forms.ChoiceField(
        label="获取信息的形式",
        choices=[("", "（请选择）"), *DeliveryForm.choices],
        required=False,
        help_text="政府信息公开申请必填。",
    )
    delivery_route = forms.ChoiceField(
        label="获取信息的途径",
        choices=[("", "（请选择）"), *DeliveryRoute.choices],
        required=False,
        help_text="政府信息公开申请必填。",
    )
    attachments = MultipleFileField(
        label="附件（身份证明、授权委托书；更正申请的证明材料等）",
        required=False,
        help_text="可选多个文件；接受 PDF、图片、Word、Excel 或纯文本，每个不超过 "
        f"{_attachment_limit() // (1024 * 1024)} MB，合计不超过 "
        f"{_upload_limit() // (1024 * 1024)} MB，至多 {MAX_ATTACHMENTS} 个。",
    )

    # The portal asks every applicant for proof of identity (条例第二十九条第二款第（一）项);
    # staff registering a letter take what the letter gives.
    identity_required = True
    contact_required = True
    # The portal asks how to deliver the information, and a 更正申请 for its evidence; staff
    # registering a letter take what it gives.
    delivery_required = True
    evidence_required = True
    required_css_class = "required"  # the template marks these labels 必填

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def clean_id_document_number(self) -> str:
        number: str = self.cleaned_data.get("id_document_number", "").strip()
        if number and self.data.get(self.add_prefix("id_document_type")) == "resident_id":
            try:
                number = validate_resident_id(number)
            except IdentityError as error:
                raise ValidationError(f"{error}。") from error
        return number

    def clean_contact_phone(self) -> str:
        phone: str = self.cleaned_data.get("contact_phone", "").strip()
        if phone and not _PHONE.fullmatch(phone):
            raise ValidationError("请填写有效的电话号码：数字，可含区号、“-”和分机号。")
        return phone

    def clean_credit_code(self) -> str:
        code: str = self.cleaned_data.get("credit_code", "").strip()
        if code:
            try:
                code = validate_credit_code(code)
            except IdentityError as error:
                raise ValidationError(f"{error}。") from error
        return code

    def clean_attachments(self) -> list[UploadedFile[bytes]]:
        return checked_attachments(self.cleaned_data.get("attachments") or [])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        natural = data.get("applicant_kind") == "natural_person"
        if self.identity_required and natural:
            if not data.get("id_document_type"):
                self.add_error("id_document_type", "请选择身份证件类型。")
            if not data.get("id_document_number") and "id_document_number" not in self.errors:
                self.add_error("id_document_number", "请填写身份证件号码。")
        organisation = bool(data.get("applicant_kind")) and not natural
        missing_code = not data.get("credit_code") and "credit_code" not in self.errors
        if self.identity_required and organisation and missing_code:
            self.add_error("credit_code", "请填写统一社会信用代码。")
        contact = ("contact_phone", "contact_email", "contact_address")
        if (
            self.contact_required
            and not any(data.get(name) for name in contact)
            and not any(name in self.errors for name in contact)
        ):
            self.add_error("contact_phone", "请至少填写一种联系方式（电话、电子邮箱或通信地址）。")
        if data.get("request_kind") == RequestKind.CORRECTION.value:
            if not data.get("correction_requested", "").strip():
                self.add_error(
                    "correction_requested", "更正申请请写明该记录中不准确之处，以及应当如何更正。"
                )
            if (
                self.evidence_required
                and not data.get("attachments")
                and "attachments" not in self.errors
            ):
                # 条例第四十一条: 有证据证明…记录不准确的.
                self.add_error("attachments", "更正申请须上传证明该记录不准确的证据材料。")
        elif self.delivery_required:
            for name, message in (
                ("delivery_form", "请选择获取信息的形式。"),
                ("delivery_route", "请选择获取信息的途径。"),
            ):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, message)
        return data

    def applicant(self) -> Applicant:
        """Return the applicant and the request as the services take them."""
        d = self.cleaned_data
        return Applicant(
            kind=d["applicant_kind"],
            name=d["applicant_name"],
            description=d["description"],
            id_document_type=d.get("id_document_type", ""),
            id_document_number=d.get("id_document_number", ""),
            credit_code=d.get("credit_code", ""),
            contact_phone=d.get("contact_phone", ""),
            contact_email=d.get("contact_email", ""),
            contact_address=d.get("contact_address", ""),
            agent_name=d.get("agent_name", ""),
            delivery_form=d.get("delivery_form", ""),
            delivery_route=d.get("delivery_route", ""),
            request_kind=d.get("request_kind") or RequestKind.DISCLOSURE.value,
            correction_requested=d.get("correction_requested", ""),
        )


class RegistrationForm(ApplicationForm):
    """Staff registering an application that arrived in person, by post, fax or e-mail."""

    # A letter may give only an address, or nothing but a name: staff register what came.
    identity_required = False
    contact_required = False
    delivery_required = False
    evidence_required = False  # the paper evidence stays in the paper file

    channel = forms.ChoiceField(
        label="申请方式",
        choices=[(c.value, c.label) for c in Channel if c is not Channel.ONLINE],
    )
    arrived_on = forms.DateField(
        label="申请到达日期", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    signed_for = forms.BooleanField(
        label="挂号信或特快专递，本机关已签收",
        required=False,
        help_text="邮寄申请：签收之日为收到申请之日（条例第三十一条第（二）项）。",
    )
    confirmed_on = forms.DateField(
        label="与申请人确认收到之日",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="平信、传真、电子邮件等须与申请人确认；尚未确认的留空，申请待确认收到。",
    )
    case_number = forms.CharField(label="本机关编号", max_length=64, required=False)

    field_order = ["channel", "arrived_on", "signed_for", "confirmed_on", "case_number"]  # noqa: RUF012
