import sys
import threading

from django.apps import AppConfig

# Processes that serve web requests; elsewhere (tests, `gongkai report`, migrate) the
# dictionary is loaded on the first search instead, so those start fast.
_WEB_SERVERS = ("gunicorn", "uwsgi", "runserver", "daphne", "uvicorn")


class SearchConfig(AppConfig):
    name = "gongkai.search"
    label = "search"
    verbose_name = "全文检索"

    def ready(self) -> None:
        argv = " ".join(sys.argv[:2])
        if any(server in argv for server in _WEB_SERVERS):
            from gongkai.search.segmentation import warm

            # In a thread: the worker answers at once; a search arriving in the first second
            # waits on the lock for the dictionary rather than loading it twice.
            threading.Thread(target=warm, name="jieba-warm", daemon=True).start()
