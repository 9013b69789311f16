"""The pure core imports nothing of Django or of the platform, whatever apps are added later.

import-linter's contracts name the packages they forbid; this test forbids everything outside
the package itself, so a new app cannot slip through a contract that does not list it yet.
"""

from __future__ import annotations

import ast
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
    "applications/workflow.py": {
        "gongkai.workdays",
        "gongkai.report.catalogue",
        "gongkai.workflow",
        "gongkai.roles",
    },
    "applications/deadlines.py": {"gongkai.workdays", "gongkai.report.catalogue"},
    "applications/clock_events.py": set(),
    "applications/clock_replay.py": {"gongkai.workdays"},
    "applications/clock_result.py": {"gongkai.workdays"},
    "applications/clock_explain.py": {"gongkai.workdays"},
    "applications/clock_json.py": {"gongkai.workdays"},
    "applications/replay_cli.py": {"gongkai.workdays"},
    "applications/grounds.py": {"gongkai.report.catalogue"},
    "applications/fees.py": set(),
    "applications/identity.py": set(),
    "applications/remedies.py": {"gongkai.report.catalogue"},
    "applications/correction.py": {"gongkai.report.catalogue"},
    "publications/workflow.py": {"gongkai.workflow", "gongkai.roles"},
    "publications/scan.py": {"gongkai.applications.identity"},
    "letters/compose.py": {
        "gongkai.report.catalogue",
        "gongkai.applications.fees",
        "gongkai.applications.remedies",
        "gongkai.applications.grounds",
        "gongkai.applications.correction",
    },
    "letters/kinds.py": {"gongkai.report.catalogue"},
    "letters/placeholders.py": set(),
    "letters/defaults.py": {"gongkai.applications.correction", "gongkai.report.catalogue"},
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


def _outcome_key_literals(path: Path) -> list[str]:
    """The string constants in `path` that are a qualified row key of table 三
    ("withheld.state_secret", "other_handling.fee_unpaid", …)."""
    from gongkai.report.catalogue import APPLICATION_ROW_KEYS

    qualified = {key for key in APPLICATION_ROW_KEYS if "." in key}
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and node.value in qualified
    ]


def test_the_report_engine_names_table_three_rows_only_through_the_catalogue() -> None:
    """A row key of table 三 is written out only in report/catalogue.py: the parser's phrases
    (`ROW_PHRASES`), the rows the 2019 layout folds (`FOLDED_IN_2019` into `FOLDED_INTO`) and
    the fee row (`FEE_UNPAID`) are read from there. Checked for the qualified keys (a group and
    an outcome, "withheld.state_secret"); bare words such as "new" or "total" are too common to
    police by their spelling. Outside the report engine, letters/defaults.py and kinds.py still
    key their texts by outcome (the letters are another part's)."""
    engine = ROOT / "report"
    offenders = {
        str(path.relative_to(ROOT)): sorted(set(found))
        for path in sorted(engine.rglob("*.py"))
        if "tests" not in path.parts
        and path.name != "catalogue.py"
        and (found := _outcome_key_literals(path))
    }
    assert offenders == {}


def test_the_outcome_key_check_sees_a_literal() -> None:
    """The check above finds a qualified key written out (so an empty result means something)."""
    assert _outcome_key_literals(ROOT / "report" / "catalogue.py")
