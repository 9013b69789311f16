"""Who may keep the registers behind table 二: the disclosure office (公开办), which answers for
the annual report, and the platform's superuser. Composed from agencies.permissions."""

from __future__ import annotations

from gongkai.agencies.models import Role
from gongkai.agencies.permissions import has_role, is_superuser

can_keep_registers = is_superuser | has_role(Role.DISCLOSURE_OFFICE)
