"""The sign-in backend: Django's username and password check, and who may stay signed in."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend

from gongkai.accounts.models import User
from gongkai.accounts.sign_in import sign_in_refusal


class StaffBackend(ModelBackend):
    """Check the password of any account, active or not, so that the sign-in form can say
    why it refuses one (`sign_in_refusal`); honour a session only while the account may sign
    in, so deactivating it or revoking its last role ends its sessions at once."""

    def user_can_authenticate(self, user: Any) -> bool:
        # The form refuses deactivated accounts with a reason (SignInForm.confirm_login_allowed).
        return True

    def get_user(self, user_id: Any) -> User | None:
        user = super().get_user(user_id)
        if not isinstance(user, User) or sign_in_refusal(user) is not None:
            return None
        return user
