"""One table-driven workflow engine for every workflow of the platform.

A workflow is its states, its actions and a table of rows; this module holds what every
table needs and nothing of any one of them: the index from (state, action) to the row, the
refusal of an action the table does not allow (with a Chinese message for the person who
tried), and the actions a set of roles may take in a state, in the order the actions are
declared (the order of the buttons). The applications', the publications' and the annual
report's workflows each keep only their enums and their table, with the legal basis per row.

A row is any frozen dataclass with `action`, `sources`, `target` and `roles`; a workflow adds
the columns of its own (the outcomes an action records, the states a pause resumes, whether
the item must be public) and checks them after `Machine.row_for`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import Generic, Protocol, TypeVar

from gongkai.roles import ROLE_LABELS, role_label

__all__ = ["Labelled", "Machine", "Row", "WorkflowError"]


class WorkflowError(ValueError):
    """An action the workflow does not allow; the message (Chinese) says why."""


class Labelled(Protocol):
    """A state or an action: a stored value with a Chinese label."""

    @property
    def value(self) -> str: ...

    @property
    def label(self) -> str: ...


S = TypeVar("S", bound=StrEnum)
A = TypeVar("A", bound=StrEnum)
S_co = TypeVar("S_co", bound=StrEnum, covariant=True)
A_co = TypeVar("A_co", bound=StrEnum, covariant=True)


class Row(Protocol[S_co, A_co]):
    """One row of a table: `action` from any of `sources` leads to `target` (None: the row's
    workflow decides, e.g. the state does not change or a pause resumes), for `roles`."""

    @property
    def action(self) -> A_co: ...

    @property
    def sources(self) -> frozenset[S_co]: ...

    @property
    def target(self) -> S_co | None: ...

    @property
    def roles(self) -> frozenset[str]: ...


R = TypeVar("R", bound=Row)  # type: ignore[type-arg]
T = TypeVar("T")


class Machine(Generic[S, A, R]):
    """A state machine given as a table of rows; `subject` names what moves (案件, 信息…)."""

    def __init__(self, rows: Iterable[R], *, actions: type[A], subject: str) -> None:
        self.rows: tuple[R, ...] = tuple(rows)
        self.actions = actions
        self.subject = subject
        self._index: dict[tuple[S, A], R] = {}
        for row in self.rows:
            for source in row.sources:
                key = (source, row.action)
                if key in self._index:
                    raise ValueError(f"transition table: {source} --{row.action}--> listed twice")
                self._index[key] = row

    def rule(self, state: S, action: A) -> R | None:
        """Return the row for `action` taken in `state`, or None when the table has none."""
        return self._index.get((state, action))

    def row_for(self, state: S, action: A, role: str) -> R:
        """Return the row that lets `role` take `action` in `state`, or raise WorkflowError."""
        row = self.rule(state, action)
        if row is None:
            raise WorkflowError(f"{self.subject}处于“{_label(state)}”状态，不能“{_label(action)}”")
        if role not in row.roles:
            allowed = "、".join(ROLE_LABELS.get(r, r) for r in sorted(row.roles))
            raise WorkflowError(f"{role_label(role)}无权“{_label(action)}”，须由{allowed}办理")
        return row

    def for_any_role(
        self, roles: Iterable[str], attempt: Callable[[str], T], *, nobody: Exception
    ) -> T:
        """Return `attempt(role)` for the first of `roles` it does not refuse.

        The roles are tried in a fixed (sorted) order, so the refusal a person sees is the same
        every time: the first role's `WorkflowError`. `nobody` is raised when `roles` is empty
        (the caller's "no post in this agency", e.g. Django's PermissionDenied).
        """
        first: WorkflowError | None = None
        for role in sorted(roles):
            try:
                return attempt(role)
            except WorkflowError as error:
                first = first or error
        if first is None:
            raise nobody
        raise first

    def allowed(
        self,
        state: S,
        roles: Iterable[str],
        *,
        admits: Callable[[R], bool] = lambda row: True,
    ) -> tuple[A, ...]:
        """Return the actions any of `roles` may take in `state` (in declaration order), of the
        rows `admits` lets through (a workflow's own columns: public only, office head…)."""
        held = frozenset(roles)
        return tuple(
            action
            for action in self.actions
            if (row := self.rule(state, action)) is not None and row.roles & held and admits(row)
        )


def _label(member: StrEnum) -> str:
    label = getattr(member, "label", None)
    return label if isinstance(label, str) else member.value
