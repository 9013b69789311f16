"""Who may record complaints and review cases: the disclosure office (公开办), which answers for
the agency's disclosure work, and the platform's superuser. Composed from agencies.permissions."""

from __future__ import annotations

from gongkai.agencies.models import Role
from gongkai.agencies.permissions import REPORT_RECORDS, has_role, is_superuser

can_record_reviews = is_superuser | has_role(Role.DISCLOSURE_OFFICE)

# Reading the records and table 四: those who record them, the agency's leaders, and the
# supervising-office reviewers above it (上级审查), read-only.
can_view_reviews = REPORT_RECORDS.allows
