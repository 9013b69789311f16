"""The API's request and response bodies."""

from __future__ import annotations

import datetime as dt

from ninja import Schema


class ApplicantOut(Schema):
    kind: str
    name: str
    id_document_type: str
    id_document_number: str
    credit_code: str
    contact_phone: str
    contact_email: str
    contact_address: str
    agent_name: str
    masked: bool


class ApplicationSummaryOut(Schema):
    tracking_code: str
    agency: str
    state: str
    state_label: str
    outcome: str | None
    receipt_date: dt.date | None
    due_date: dt.date | None
    due_date_provisional: bool
    section: str | None
    handler: str | None
    applicant: ApplicantOut
    version: int


class EventOut(Schema):
    kind: str
    label: str
    date: dt.date
    actor: str | None


class ApplicationDetailOut(ApplicationSummaryOut):
    description: str
    delivery_form: str
    delivery_route: str
    clock_status: str
    overdue: bool
    allowed_actions: list[str]
    events: list[EventOut]
    warnings: list[str]


class ApplicationPageOut(Schema):
    count: int
    items: list[ApplicationSummaryOut]


class ActionIn(Schema):
    """One action's input: `version` as last read; the other fields as the action needs."""

    version: int
    on: dt.date | None = None
    section: int | None = None
    handler: int | None = None
    items: list[str] | None = None
    about: list[str] | None = None  # request_clarification: content, identity
    answer_due: dt.date | None = None
    due: dt.date | None = None
    party: str | None = None
    workdays: int | None = None
    reason: str | None = None
    method: str | None = None
    pieces: int | None = None
    pages: int | None = None
    receipt_number: str | None = None
    outcome: str | None = None
    party_kind: str | None = None  # start_consultation: third_party, co_maker, other_agency
    ground: str | None = None  # decide: the article (grounds.GROUNDS) where the row has several
    answer: str | None = None  # end_consultation: agreed, objected, no_reply, withdrawn
    letter: str | None = None  # record_service: fee_notice, consultation, reasons_request
    contact_lost: str | None = None  # register: why an ordinary letter was confirmed late
    tracking_number: str | None = None


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] | None = None
