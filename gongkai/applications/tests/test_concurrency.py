"""Two staff acting on the same case at once: one wins, the other gets a clear message, and
nothing of the loser's action is written (case, events, audit trail)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection

from gongkai.applications.models import Application, ApplicationEvent
from gongkai.applications.services import (
    ConcurrentChange,
    application_decide,
    application_withdraw,
)
from gongkai.applications.tests.factories import make_office, registered
from gongkai.audit.models import AuditEvent

D = dt.date


def trail(case: Application) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_type="applications.application", object_id=str(case.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )


@pytest.mark.django_db
def test_the_second_of_two_actions_on_the_same_version_fails_and_writes_nothing():
    # given two staff who both loaded version 1 of a received case
    office = make_office()
    case = registered(office, D(2026, 3, 2))
    seen = case.version
    # when the approver decides first, and then the handler records a withdrawal on what it saw
    application_decide(
        application=case,
        actor=office.approver,
        seen_version=seen,
        outcome="granted",
        on=D(2026, 3, 10),
    )
    with pytest.raises(ConcurrentChange, match="已被他人修改") as raised:
        application_withdraw(
            application=case, actor=office.handler, seen_version=seen, on=D(2026, 3, 11)
        )
    # then the message is Chinese, the case shows the winner's change only, the trail is whole
    assert "刷新" in str(raised.value)
    case.refresh_from_db()
    assert (case.state, case.outcome, case.version) == ("decided", "granted", 2)
    assert not ApplicationEvent.objects.filter(application=case, kind="withdrawn").exists()
    assert trail(case) == ["application.register", "application.decide"]


@pytest.mark.django_db(transaction=True)
def test_two_threads_at_once_one_wins():
    # given a case and two staff starting from the same version at the same moment
    office = make_office()
    case = registered(office, D(2026, 3, 2))
    seen = case.version
    barrier = threading.Barrier(2)
    results: dict[str, str] = {}

    def run(name: str, action) -> None:
        barrier.wait()
        try:
            action()
            results[name] = "ok"
        except ConcurrentChange:
            results[name] = "conflict"
        except Exception as error:  # SQLite without row locks may refuse the write instead
            results[name] = f"error: {type(error).__name__}"
        finally:
            connection.close()

    # each of them loaded the case page before either acted
    first, second = Application.objects.get(pk=case.pk), Application.objects.get(pk=case.pk)
    decide = lambda: application_decide(  # noqa: E731
        application=first,
        actor=office.approver,
        seen_version=seen,
        outcome="granted",
        on=D(2026, 3, 10),
    )
    withdraw = lambda: application_withdraw(  # noqa: E731
        application=second,
        actor=office.handler,
        seen_version=seen,
        on=D(2026, 3, 10),
    )
    threads = [
        threading.Thread(target=run, args=("decide", decide)),
        threading.Thread(target=run, args=("withdraw", withdraw)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # then exactly one action was written, with its one event and one audit row
    assert sorted(results.values()) == ["conflict", "ok"], results
    case.refresh_from_db()
    assert case.version == 2
    winner = "decide" if results["decide"] == "ok" else "withdraw"
    assert trail(case) == ["application.register", f"application.{winner}"]
    kinds = set(ApplicationEvent.objects.filter(application=case).values_list("kind", flat=True))
    assert ("decided" in kinds) == (winner == "decide")
    assert ("withdrawn" in kinds) == (winner == "withdraw")
