from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "gongkai.operations"
    label = "operations"
    verbose_name = "运行维护"
