"""Who may do what with an agency's annual report, composed from agencies.permissions.

The disclosure office drafts, edits, submits and publishes it (条例第四十九条 puts the report in
the hands of the 政府信息公开工作主管部门 and the agency's office); the leader (领导) signs it
off; the supervising-office reviewers above read it. The workflow table decides the actions;
these predicates decide who sees the pages.
"""

from __future__ import annotations

from gongkai.agencies.models import Role
from gongkai.agencies.permissions import REPORT_RECORDS, has_role, is_superuser

__all__ = ["can_draft_reports", "can_view_reports"]

can_draft_reports = is_superuser | has_role(Role.DISCLOSURE_OFFICE)

can_view_reports = REPORT_RECORDS.allows
