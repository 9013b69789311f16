"""Logging filters wired in the settings' LOGGING."""

from __future__ import annotations

import logging

__all__ = ["ForbiddenWithoutTraceback"]


class ForbiddenWithoutTraceback(logging.Filter):
    """A 403 is logged as its one line, without the traceback Django attaches.

    Django logs every PermissionDenied with `exc_info`: any signed-in user could fill the log
    with tracebacks by asking for pages they may not see. A refusal is expected behaviour,
    not a fault; the line keeps the path and the status.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True
