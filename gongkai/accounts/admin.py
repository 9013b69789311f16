"""django-axes' sign-in records in the Django admin, to read only.

AXES_ENABLE_ADMIN is off: axes' own admin lets a superuser delete attempts (an unaudited
unlock) and access logs (the record of who signed in when). These classes show the same
lists and allow neither change nor deletion; a lockout is lifted in the workspace (解除锁定)
or by `gongkai axes_reset_username`, both audited.
"""

from __future__ import annotations

from typing import Any

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.http import HttpRequest


class ReadOnly:
    """Mixed in before an axes admin: view only, no actions (no bulk delete)."""

    actions: Any = None

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AccessAttempt)
class AccessAttemptReadOnlyAdmin(ReadOnly, AccessAttemptAdmin):  # type: ignore[misc]
    pass


@admin.register(AccessLog)
class AccessLogReadOnlyAdmin(ReadOnly, AccessLogAdmin):  # type: ignore[misc]
    pass


@admin.register(AccessFailureLog)
class AccessFailureLogReadOnlyAdmin(ReadOnly, AccessFailureLogAdmin):  # type: ignore[misc]
    pass
