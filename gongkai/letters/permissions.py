"""Who may edit letter templates and who may issue letters: scopes declared once in
`agencies.permissions` (the queryset form is `agencies.selectors.agencies_in`)."""

from __future__ import annotations

from gongkai.agencies.permissions import AGENCY_TEXTS, CASE_WORK

# Templates are the disclosure office's wording (条例第四条: the GI office handles applications);
# the agency's administrators may stand in. System defaults: the platform's superuser only.
can_edit_letter_templates = AGENCY_TEXTS.allows
# Letters are issued by those who work on cases; which case action allows which letter is the
# workflow's rule (gongkai.applications.procedure.workflow), checked by the caller.
can_issue_letters = CASE_WORK.allows
