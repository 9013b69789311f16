"""Django's password validators with their messages in Chinese (AUTH_PASSWORD_VALIDATORS).

Django 5.2 changed the minimum-length message and its zh_Hans catalogue has no translation
for it yet, so it showed in English; the others read awkwardly ("密码跟 用户名 太相似了").
These subclasses keep Django's checks and error codes and only say them in our words, so
every form, the admin and `createsuperuser` speak the same language.
"""

from __future__ import annotations

from django.contrib.auth import password_validation

__all__ = [
    "CommonPasswordValidator",
    "MinimumLengthValidator",
    "NumericPasswordValidator",
    "UserAttributeSimilarityValidator",
]


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return f"密码太短，至少需要 {self.min_length} 个字符。"

    def get_help_text(self) -> str:
        return f"密码至少需要 {self.min_length} 个字符。"


class UserAttributeSimilarityValidator(password_validation.UserAttributeSimilarityValidator):
    def get_error_message(self) -> str:
        # Django fills in %(verbose_name)s with the field's verbose name (用户名, 姓名, …).
        return "密码与%(verbose_name)s太相似。"

    def get_help_text(self) -> str:
        return "密码不能与用户名、姓名等个人信息太相似。"


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    def get_error_message(self) -> str:
        return "这个密码太常见了。"

    def get_help_text(self) -> str:
        return "密码不能是常见密码。"


class NumericPasswordValidator(password_validation.NumericPasswordValidator):
    def get_error_message(self) -> str:
        return "密码不能全是数字。"

    def get_help_text(self) -> str:
        return "密码不能全是数字。"
