"""The secret query code's stored form: a keyed hash (HMAC-SHA256 with a server key).

The query code is random (8 characters of a 32-letter alphabet, 40 bits), not a person's
password: nobody can guess it from a word list, so a slow password hash (Argon2: ~0.25 s of
CPU and ~100 MB a submission) buys nothing a keyed hash does not. Without the key, the stored
hash tells nothing about the code; with a leaked database alone nobody can try codes offline.
Guessing online is throttled on the status page (gongkai.portal.tracking).

The key is derived from SECRET_KEY (django.utils.crypto.salted_hmac with its own salt);
codes hashed under an older key stay verifiable while that key is in SECRET_KEY_FALLBACKS.
Hashes stored before this module (Django password hashes, e.g. "argon2$…") are still checked
with Django's hashers: nothing needs migrating.
"""

from __future__ import annotations

import hmac

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.utils.crypto import salted_hmac

__all__ = ["hash_query_code", "query_code_matches"]

_PREFIX = "hmac-sha256$"
_SALT = "gongkai.applications.query_code"


def _digest(code: str, secret: str) -> str:
    return salted_hmac(_SALT, code, secret=secret, algorithm="sha256").hexdigest()


def hash_query_code(code: str) -> str:
    """Return the stored form of `code`: "hmac-sha256$" and 64 hex digits."""
    return _PREFIX + _digest(code, settings.SECRET_KEY)


def query_code_matches(code: str, stored: str) -> bool:
    """Return whether `code` is the one whose stored form is `stored` (either scheme)."""
    if not stored:
        return False
    if not stored.startswith(_PREFIX):
        return check_password(code, stored)  # stored before keyed hashing
    given = stored.removeprefix(_PREFIX)
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    # Every key is tried, matching or not: the time does not tell which key matched.
    matches = [hmac.compare_digest(_digest(code, key), given) for key in keys]
    return any(matches)
