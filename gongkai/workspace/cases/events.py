"""A case's events as the timeline on its page shows them: date, what, who, the particulars."""

from __future__ import annotations

from typing import Any

from gongkai.agencies.models import Section
from gongkai.applications.models import Application, ApplicationEvent, Attachment
from gongkai.applications.procedure.correction import outcome_name
from gongkai.applications.procedure.history import EventKind
from gongkai.applications.services import ConsultationAnswer, ServiceMethod


def _particulars(event: ApplicationEvent, sections: dict[int, str]) -> list[str]:
    d: dict[str, Any] = event.details or {}
    kind = EventKind(event.kind)
    lines: list[str] = []
    if kind is EventKind.ASSIGNED and d.get("section") is not None:
        lines.append(f"承办股室：{sections.get(int(d['section']), '（已删除）')}")
    if kind is EventKind.CLARIFICATION_REQUESTED:
        lines += [f"补正事项：{item}" for item in d.get("items", [])]
        if d.get("answer_due"):
            lines.append(f"补正期限：{d['answer_due']}")
    if kind is EventKind.CLARIFICATION_ANSWERED:
        if d.get("channel"):
            online = d["channel"] == "online"
            lines.append("申请人在网上提交" if online else "纸质或现场提交，工作人员登记")
        if d.get("content"):
            lines.append(f"补正内容：{d['content']}")
        if d.get("late_reason"):
            lines.append(f"补正期限届满后收到；认可的正当理由：{d['late_reason']}")
    if d.get("party"):
        lines.append(f"征求意见对象：{d['party']}")
    if kind is EventKind.CONSULTATION_ENDED and d.get("answer"):
        lines.append(f"对方意见：{ConsultationAnswer(str(d['answer'])).label}")
    if kind in (EventKind.EXTENSION_REQUESTED, EventKind.EXTENSION_GRANTED):
        lines.append(f"延长 {d.get('workdays')} 个工作日；理由：{d.get('reason', '')}")
    if kind is EventKind.EXTENSION_REFUSED:
        lines.append(f"不批准的理由：{d.get('reason', '')}")
    if kind in (EventKind.FEE_NOTICE_SENT, EventKind.FEE_NOTICE_SERVED) and d.get("amount"):
        lines.append(f"应缴金额：{d['amount']} 元")
    if kind is EventKind.DECIDED and d.get("outcome"):
        lines.append(f"办理结果：{outcome_name(str(d['outcome']), plain=True)}")
    if kind is EventKind.REPLY_SERVED and d.get("method"):
        method = ServiceMethod(str(d["method"])).label
        number = f"，邮件号 {d['tracking_number']}" if d.get("tracking_number") else ""
        lines.append(f"{method}{number}")
    return lines


def timeline_rows(case: Application, *, full: bool = False) -> list[dict[str, Any]]:
    """Return the case's events in order, each with its label, actor and particulars.

    `full` (the viewer may see personal data): an event's files (a 补正's scans) are listed.
    """
    events = list(case.events.select_related("actor").order_by("date", "id"))
    section_ids = {
        int(e.details["section"])
        for e in events
        if e.kind == EventKind.ASSIGNED and (e.details or {}).get("section") is not None
    }
    sections = dict(Section.objects.filter(pk__in=section_ids).values_list("pk", "name"))
    files = {a.pk: a for a in Attachment.objects.filter(application=case)} if full else {}
    return [
        {
            "event": event,
            "label": EventKind(event.kind).label,
            "actor": (event.actor.full_name or event.actor.username) if event.actor else "申请人",
            "particulars": _particulars(event, sections),
            "attachments": [files[pk] for pk in (event.details or {}).get("attachments", [])]
            if full
            else [],
        }
        for event in events
    ]
