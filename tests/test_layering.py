"""The pure core imports nothing of Django or of the platform, whatever apps are added later.

import-linter's contracts name the packages they forbid; this test forbids everything outside
the package itself, so a new app cannot slip through a contract that does not list it yet.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "gongkai"

# Each pure package or module, and what of gongkai it may import besides itself and the
# other pure modules of its own package.
PURE = {
    "report": set(),
    "workdays": set(),
    "workflow.py": {"gongkai.roles"},
    "roles.py": set(),
    "reporting/workflow.py": {"gongkai.workflow", "gongkai.roles"},
    "reporting/narrative.py": {"gongkai.report"},
    "reporting/checking.py": {"gongkai.report"},
    "applications/procedure": {
        "gongkai.report",
        "gongkai.roles",
        "gongkai.workdays",
        "gongkai.workflow",
    },
    "publications/workflow.py": {"gongkai.workflow", "gongkai.roles"},
    "publications/scan.py": {"gongkai.applications.procedure.identity"},
    "letters/composition": {"gongkai.applications.procedure", "gongkai.report.catalogue"},
    "letters/render": set(),
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def sources(part: str) -> list[Path]:
    target = ROOT / part
    return [target] if target.suffix == ".py" else sorted(target.rglob("*.py"))


@pytest.mark.parametrize("part", sorted(PURE))
def test_pure_core_imports_no_django_and_no_other_part_of_gongkai(part: str) -> None:
    package = "gongkai." + part.split("/")[0]
    # A pure module may use the other pure modules of its own package.
    own = [
        "gongkai." + other.removesuffix(".py").replace("/", ".")
        for other in PURE
        if ("gongkai." + other.split("/")[0]) == package
    ]
    allowed = PURE[part] | set(own)
    for path in sources(part):
        if not path.exists():
            pytest.skip(f"{part} is not in this checkout")
        for module in imported_modules(path):
            assert not (module == "django" or module.startswith("django.")), (path, module)
            if module.startswith("gongkai"):
                ok = any(module == a or module.startswith(a + ".") for a in allowed)
                assert ok, f"{path.relative_to(ROOT.parent)} imports {module}"


def test_the_rows_the_2019_layout_folds_are_named_only_by_the_catalogue() -> None:
    """Layout facts live in report/catalogue.py: no module keeps its own tuple of the rows the
    2019 layout does not print (they are `catalogue.FOLDED_IN_2019`, derived from the rows)."""
    pair = ('"other_handling.no_clarification", "other_handling.fee_unpaid"',)
    offenders = [
        str(path.relative_to(ROOT))
        for path in ROOT.rglob("*.py")
        if "tests" not in path.parts
        and "migrations" not in path.parts
        and path.name != "catalogue.py"
        and any(text in path.read_text(encoding="utf-8") for text in pair)
    ]
    assert offenders == []


_CATALOGUE = ROOT / "report" / "catalogue.py"


def _row_key_pattern() -> re.Pattern[str]:
    """A row key of table 三 standing as a token: alone, or inside a longer string such as
    "applications/withheld.state_secret/总计" or "partially_granted:withheld.state_secret".

    Every qualified key ("withheld.state_secret", …) is policed, and the bare keys no other
    word shares: 部分公开 "partially_granted", the headings "not_processed" and
    "other_handling" (also the prefix "other_handling."), and the summary rows "carried_over"
    and "carried_forward". The other bare keys ("granted", "withheld", "unavailable", "new",
    "total") are ordinary words, too common to police by their spelling; "new" and "total" are
    policed where they stand as a row key of table 三 (`_summary_row_words`)."""
    from gongkai.report.catalogue import (
        APPLICATION_ROW_KEYS,
        Outcome,
        OutcomeHeading,
        SummaryRow,
    )

    keys = {key for key in APPLICATION_ROW_KEYS if "." in key} | {
        Outcome.PARTIALLY_GRANTED.value,
        OutcomeHeading.NOT_PROCESSED.value,
        OutcomeHeading.OTHER_HANDLING.value,
        SummaryRow.CARRIED_OVER.value,
        SummaryRow.CARRIED_FORWARD.value,
    }
    alternatives = "|".join(map(re.escape, sorted(keys, key=len, reverse=True)))
    # A str.format field ("上年结转{carried_over}件" in a narrative template) is the name of a
    # keyword argument, not a row key.
    return re.compile(r"(?<![\w.])(?<!\{)(?:" + alternatives + r")(?!\w)(?!\})")


def _docstrings(tree: ast.AST) -> set[int]:
    kinds = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    return {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, kinds)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }


def _row_key_literals(path: Path) -> list[str]:
    """The row keys of table 三 that `path` spells in a string: in a Python module, any string
    constant but a docstring (prose may name a row; code must not), f-string parts included;
    in a template, anywhere (`{% if outcome == "withheld.state_secret" %}`)."""
    pattern = _row_key_pattern()
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".py":
        return pattern.findall(text)
    tree = ast.parse(text)
    docstrings = _docstrings(tree)
    return [
        found
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        for found in pattern.findall(node.value)
    ] + _summary_row_words(tree, docstrings)


# "new" and "total" are ordinary words (an audit status, a 表四 column, a URL segment), so they
# are policed only where they stand as a row key of table 三: inside a cell path of table 三
# ("applications/new/总计", f"applications/total/{column}"), as the key of the applications
# mapping (`report.applications["new"]`, `data["applications"]["total"]`), as the row
# argument of the functions that take one (`row_values(report, "new")`, `row="total"`), or
# compared with a `row` (`if row == "new"`).
_WORDS = ("new", "total")
_CELL_PATH = re.compile(r"(?<![\w.])applications/(new|total)(?![\w.])")
_ROW_FUNCTIONS = {"row_values", "application_path", "application_name", "set_cell"}


def _is_applications(node: ast.expr) -> bool:
    """`applications`, `x.applications` or `x["applications"]`: table 三 by rows."""
    return (
        (isinstance(node, ast.Name) and node.id == "applications")
        or (isinstance(node, ast.Attribute) and node.attr == "applications")
        or (
            isinstance(node, ast.Subscript)
            and isinstance(node.slice, ast.Constant)
            and node.slice.value == "applications"
        )
    )


def _word(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Constant) and node.value in _WORDS:
        return str(node.value)
    return None


def _summary_row_words(tree: ast.AST, docstrings: set[int]) -> list[str]:
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if id(node) in docstrings:
                continue
            found += _CELL_PATH.findall(node.value)
        elif isinstance(node, ast.Subscript) and _is_applications(node.value):
            found += filter(None, [_word(node.slice)])
        elif isinstance(node, ast.Call):
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name in _ROW_FUNCTIONS:
                found += filter(None, map(_word, node.args))
            found += filter(None, (_word(k.value) for k in node.keywords if k.arg == "row"))
        elif isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(isinstance(side, ast.Name) and side.id == "row" for side in sides):
                found += filter(None, map(_word, sides))
    return found


def _checked_sources() -> list[Path]:
    """Every module and template of gongkai, tests included, but the catalogue itself and the
    migrations (frozen history: they must keep the spelling they were written with)."""
    return [
        path
        for suffix in ("*.py", "*.html", "*.txt")
        for path in sorted(ROOT.rglob(suffix))
        if path != _CATALOGUE and "migrations" not in path.parts
    ]


def test_a_row_key_of_table_three_is_spelled_only_in_the_catalogue() -> None:
    """Layout facts live in report/catalogue.py: a row key of table 三 is written out there
    only. Code names an outcome through `Outcome` (or `OutcomeHeading`, `FOLDED_INTO`,
    `FEE_UNPAID`, `ROW_PHRASES`, …), tests too: a test that asserts the JSON shape of a cell
    path writes f"applications/{Outcome.WITHHELD_STATE_SECRET}/总计". Data files (the JSON
    fixtures and samples under report/) are instances of the report format and must spell the
    keys; they are not code and not checked here."""
    offenders = {
        str(path.relative_to(ROOT)): sorted(set(found))
        for path in _checked_sources()
        if (found := _row_key_literals(path))
    }
    assert offenders == {}


def test_the_row_key_check_sees_a_literal(tmp_path: Path) -> None:
    """The check above finds a key written out (so an empty result means something): alone,
    inside a cell path or an f-string, and in a template; not in a docstring."""
    assert _row_key_literals(_CATALOGUE)
    module = tmp_path / "module.py"
    module.write_text(
        '"""Counts withheld.state_secret."""\n'
        'A = "other_handling.fee_unpaid"\n'
        'B = f"applications/unavailable.not_held/{1}"\n'
        'C = "partially_granted:withheld.third_party_rights"\n'
        'D = "withheld.state_secrets"\n'
        'E = ("partially_granted", "other_handling.", "granted")\n',
        encoding="utf-8",
    )
    assert sorted(_row_key_literals(module)) == [
        "other_handling",
        "other_handling.fee_unpaid",
        "partially_granted",
        "partially_granted",
        "unavailable.not_held",
        "withheld.third_party_rights",
    ]
    template = tmp_path / "page.html"
    template.write_text('{% if outcome == "withheld.state_secret" %}x{% endif %}', "utf-8")
    assert _row_key_literals(template) == ["withheld.state_secret"]


def test_the_row_key_check_sees_a_summary_row(tmp_path: Path) -> None:
    """The keys carried_over and carried_forward are found anywhere; "new" and "total" only where
    they stand as a row key of table 三 (a cell path, the applications mapping, a row argument,
    a comparison with `row`), not as an audit status, a 表四 column, a URL or a format field."""
    module = tmp_path / "module.py"
    module.write_text(
        '"""Sums applications/new/总计 and carried_over."""\n'
        'A = ("carried_over", f"applications/carried_forward/{1}")\n'
        'B = report.applications["new"] + data["applications"]["total"]\n'
        'C = f"applications/total/{label}", "previous/applications/new/总计"\n'
        'D = row_values(report, "total"), cases_in_cell(row="new", column="total")\n'
        'E = row == "new"\n'
        'F = {"status": "new"}, block["total"], "reports/new/", applications["newest"]\n'
        'G = "上年结转{carried_over}件", result == "total", column != "total"\n',
        encoding="utf-8",
    )
    assert sorted(_row_key_literals(module)) == [
        "carried_forward",
        "carried_over",
        "new",
        "new",
        "new",
        "new",
        "total",
        "total",
        "total",
    ]
