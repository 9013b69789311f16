from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "gongkai.applications"
    label = "applications"
    verbose_name = "依申请公开"

    def ready(self) -> None:
        from gongkai.applications.audit_labels import register_audit_labels
        from gongkai.applications.case_clock import refresh_after_calendar_change
        from gongkai.holidays.services import after_calendar_change

        register_audit_labels()
        # A calendar change moves the due dates the replay stored (in the same transaction).
        after_calendar_change(refresh_after_calendar_change)
