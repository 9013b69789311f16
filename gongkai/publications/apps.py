from django.apps import AppConfig


class PublicationsConfig(AppConfig):
    name = "gongkai.publications"
    label = "publications"
    verbose_name = "主动公开"

    def ready(self) -> None:
        from gongkai.audit.actions import register_labels
        from gongkai.publications.models.items import Validity
        from gongkai.publications.workflow import Action, State

        # One name per act: the workflow's own labels, as on the item page's buttons.
        register_labels(
            prefix="publication",
            actions={action.value: action.label for action in Action},
            fields={
                "index_number": "索引号",
                "is_public": "在门户网站公开",
                "public_revision": "公开版本",
                "validity": "效力状态",
                "category": "信息分类",
                "reason": "理由",
            },
            values={
                "state": {state.value: state.label for state in State},
                "validity": dict(Validity.choices),
            },
        )
