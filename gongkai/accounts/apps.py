from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "gongkai.accounts"
    label = "accounts"
    verbose_name = "账号"

    def ready(self) -> None:
        from gongkai.accounts.models import ApiTokenPermission
        from gongkai.audit.actions import register_labels

        register_labels(
            prefix="api_token",
            actions={"create": "新建 API 令牌", "revoke": "撤销 API 令牌"},
            fields={
                "system_name": "对接系统",
                "permissions": "权限",
                "hint": "令牌开头",
                "expires_at": "失效时间",
            },
            values={"permissions": dict(ApiTokenPermission.choices)},
        )
