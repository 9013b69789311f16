from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "gongkai.reporting"
    label = "reporting"
    verbose_name = "年度报告"

    def ready(self) -> None:
        from gongkai.audit.actions import register_labels
        from gongkai.reporting.workflow import Action, State

        # One name per act: the workflow's own labels, as on the report page's buttons.
        register_labels(
            prefix="annual_report",
            actions={action.value: action.label for action in Action},
            fields={
                "year": "报告年度",
                "version_number": "版本",
                "public_version": "公开的版本",
                "changed_cells": "变化的单元格数",
                "sections": "修改的章节",
                "explained": "说明的警告",
                "published_late": "逾期发布",
                "changed": "更正的项数",
                "note": "更正说明",
                "file": "文件",
            },
            values={"state": {state.value: state.label for state in State}},
        )
