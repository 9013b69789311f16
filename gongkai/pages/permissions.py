"""Who may edit an agency's public pages: its disclosure office (公开办) and its administrators."""

from __future__ import annotations

from gongkai.agencies.permissions import AGENCY_TEXTS

# 条例第十二条 puts the guide in the disclosure office's hands; administrators (of the agency or
# of an office above it, and the platform's superuser) may stand in for it.
can_edit_pages = AGENCY_TEXTS.allows
