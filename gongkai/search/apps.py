import sys

from django.apps import AppConfig

# Processes that serve web requests; elsewhere (tests, `gongkai report`, migrate, other
# commands) the dictionary is loaded by the first search instead, so those start fast.
_WEB_SERVERS = ("gunicorn", "uwsgi", "runserver", "daphne", "uvicorn")


class SearchConfig(AppConfig):
    name = "gongkai.search"
    label = "search"
    verbose_name = "全文检索"

    def ready(self) -> None:
        if any(server in " ".join(sys.argv[:2]) for server in _WEB_SERVERS):
            from gongkai.search.segmentation import warm

            # At start-up, not in the first search (about 0.7 s). In the foreground: a thread
            # could hold jieba's lock while gunicorn --preload forks, leaving workers stuck.
            warm()
