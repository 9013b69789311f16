"""`gongkai changepassword USERNAME`: Django's command, with the change audited.

Django's own command saves the user directly; this one asks the same way and sets the
password through `user_set_password` (an audit event `user.set_password`, actor: a system
command). `gongkai.accounts` stands before `django.contrib.auth` in INSTALLED_APPS so that
this command replaces Django's.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.management.commands import changepassword
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from gongkai.accounts.models import User
from gongkai.accounts.services import user_set_password

MAX_TRIES = 3


class Command(changepassword.Command):
    help = "修改指定用户的密码（记入操作记录）"

    def handle(self, *args: Any, **options: Any) -> str:
        username = options["username"]
        if not username:
            raise CommandError("请指定用户名：gongkai changepassword 用户名")
        try:
            user = User.objects.using(options["database"]).get(username=username)
        except User.DoesNotExist:
            raise CommandError(f"用户 {username} 不存在。") from None
        self.stdout.write(f"修改用户 {user.username}（{user}）的密码")
        for _ in range(MAX_TRIES):
            first = self._get_pass("新密码：")  # type: ignore[attr-defined]
            second = self._get_pass("再次输入新密码：")  # type: ignore[attr-defined]
            if first != second:
                self.stdout.write("两次输入的密码不一致，请重试。")
                continue
            try:
                user_set_password(actor=None, user=user, password=first)
            except ValidationError as error:
                self.stderr.write("\n".join(error.messages))
                continue
            return f"已修改用户 {user.username} 的密码。"
        raise CommandError(f"已尝试 {MAX_TRIES} 次，未修改用户 {user.username} 的密码。")
