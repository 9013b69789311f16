"""Who may edit letter templates and who may issue letters."""

from __future__ import annotations

from gongkai.agencies.models import Role
from gongkai.agencies.permissions import can_administer, has_role, is_superuser

# Templates are the disclosure office's wording (条例第四条: the GI office handles applications);
# the agency's administrators may stand in. System defaults: the platform's superuser only.
can_edit_letter_templates = can_administer | has_role(Role.DISCLOSURE_OFFICE)
# Letters are issued by those who work on cases; which case action allows which letter is the
# workflow's rule (gongkai.applications.workflow), checked by the caller.
can_issue_letters = is_superuser | has_role(
    Role.DISCLOSURE_OFFICE, Role.HANDLER, Role.APPROVER, Role.LEADER
)
