from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "gongkai.operations"
    label = "operations"
    verbose_name = "运行维护"

    def ready(self) -> None:
        from gongkai.operations import proxy  # noqa: F401  registers the deployment check
