from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "gongkai.pages"
    label = "pages"
    verbose_name = "公开指南与制度"
