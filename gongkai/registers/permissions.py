"""Who may keep and who may read the registers behind table 二. Keeping: the disclosure office
(公开办), which answers for the annual report, and the platform's superuser. Composed from
agencies.permissions."""

from __future__ import annotations

from gongkai.agencies.models import Role
from gongkai.agencies.permissions import REPORT_RECORDS, has_role, is_superuser

can_keep_registers = is_superuser | has_role(Role.DISCLOSURE_OFFICE)

# Reading the registers and table 二: those who keep them, the agency's leaders (who sign the
# annual report), and the supervising-office reviewers above it (上级审查), read-only. Approvers,
# handlers and confidentiality reviewers work on single items and replies, not on the report.
can_view_registers = REPORT_RECORDS.allows
