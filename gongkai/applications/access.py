"""Who may see an applicant's personal data, and which case actions a person may take.

Read by the three faces (portal, workspace, API) alike, so that they agree:

- personal data (name of a natural person, id numbers, phone, e-mail, address) is shown in
  full only to the staff working on the case: its assigned handler and the agency's disclosure
  office (issue 4); everyone else, and every list, sees it masked;
- the buttons a person sees are the workflow's `allowed_actions` for the roles the person
  holds in the case's agency, limited to the actions that have a service function.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from gongkai.agencies.models import Role
from gongkai.applications.models import Application
from gongkai.applications.procedure.history import EventKind
from gongkai.applications.procedure.identity import mask_id_number, mask_phone
from gongkai.applications.procedure.workflow import Action, State, allowed_actions
from gongkai.applications.selectors import pending_extension_request
from gongkai.applications.services.base import case_roles

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from gongkai.accounts.models import User

__all__ = [
    "SERVICE_ACTIONS",
    "ApplicantShown",
    "applicant_shown",
    "case_actions",
    "mask_address",
    "mask_email",
    "mask_name",
    "may_see_personal_data",
]

_EXTENSION_ACTIONS = frozenset({Action.REQUEST_EXTENSION, Action.EXTEND, Action.REFUSE_EXTENSION})
# Actions with a service function (and a form in action_forms): every action of the workflow.
SERVICE_ACTIONS = frozenset(Action)


def mask_name(value: str) -> str:
    """Return a person's name for display: the first character kept (张**)."""
    value = value.strip()
    return value[:1] + "*" * max(len(value) - 1, 1) if value else ""


def mask_email(value: str) -> str:
    """Return an e-mail address for display: its first character and domain kept."""
    local, at, domain = value.strip().partition("@")
    if not at:
        return mask_name(value)
    return f"{local[:1]}***@{domain}"


def mask_address(value: str) -> str:
    """Return an address for display: the first six characters (city, district) kept."""
    value = value.strip()
    return value[:6] + "****" if len(value) > 6 else "*" * len(value)


def may_see_personal_data(user: User | AnonymousUser, application: Application) -> bool:
    """Return whether `user` works on the case: its handler or the agency's disclosure office."""
    if not (user.is_authenticated and user.is_active):
        return False
    if application.handler_id is not None and application.handler_id == user.pk:
        return True
    roles, _ = case_roles(user, application.agency)
    return Role.DISCLOSURE_OFFICE.value in roles


@dataclass(frozen=True, slots=True)
class ApplicantShown:
    """The applicant as one viewer may see it; `masked` says whether anything was hidden."""

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


def applicant_shown(application: Application, *, full: bool) -> ApplicantShown:
    """Return the applicant's details in full (`full`) or masked for display."""
    a = application
    natural = a.applicant_kind == "natural_person"
    if full:
        return ApplicantShown(
            kind=a.get_applicant_kind_display(),
            name=a.applicant_name,
            id_document_type=a.get_id_document_type_display(),
            id_document_number=a.id_document_number,
            credit_code=a.credit_code,
            contact_phone=a.contact_phone,
            contact_email=a.contact_email,
            contact_address=a.contact_address,
            agent_name=a.agent_name,
            masked=False,
        )
    return ApplicantShown(
        kind=a.get_applicant_kind_display(),
        # An organisation's name is public; a natural person's is personal data.
        name=mask_name(a.applicant_name) if natural else a.applicant_name,
        id_document_type=a.get_id_document_type_display(),
        id_document_number=mask_id_number(a.id_document_number) if a.id_document_number else "",
        credit_code=a.credit_code,  # a registered organisation's public identifier
        contact_phone=mask_phone(a.contact_phone) if a.contact_phone else "",
        contact_email=mask_email(a.contact_email) if a.contact_email else "",
        contact_address=mask_address(a.contact_address) if a.contact_address else "",
        agent_name=mask_name(a.agent_name) if a.agent_name else "",
        masked=True,
    )


def case_actions(user: User | AnonymousUser, application: Application) -> tuple[Action, ...]:
    """Return the actions `user` may take on the case now, in the workflow table's order."""
    if not (user.is_authenticated and user.is_active):
        return ()
    roles, office_head = case_roles(user, application.agency)
    state = State(application.state)
    found: set[Action] = set()
    for role in roles:
        found.update(
            allowed_actions(state, role, office_head=office_head, kind=application.request_kind)
        )
    if (
        Action.REQUEST_CLARIFICATION in found
        and application.events.filter(kind=EventKind.CLARIFICATION_REQUESTED).exists()
    ):
        # 条例第三十条: one 补正 notice per case (the clock refuses a second): not offered again.
        found.discard(Action.REQUEST_CLARIFICATION)
    if found & _EXTENSION_ACTIONS:
        # One extension request at a time: asked while none waits, answered while one does.
        if pending_extension_request(application=application) is None:
            found -= {Action.EXTEND, Action.REFUSE_EXTENSION}
        else:
            found.discard(Action.REQUEST_EXTENSION)
    return tuple(action for action in Action if action in found and action in SERVICE_ACTIONS)
