"""Parse every report of a gold corpus in-process and print the share of cells read exactly.

usage: python bench/parse_accuracy.py [CORPUS_DIR]   (default: ../shared/corpus beside the repo)

The gold → report path mapping and the rule of not scoring table 二 for glued crawler exports
are those of the shared scoring tool (shared/tools/score_corpus.py). Findings come from
`gongkai.report.rules.check` when it is available: each 'hard' inconsistency of the gold file
should be found as an error in the same table, and a file without any should have no error.
"""

from __future__ import annotations

import json
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

from gongkai.report.model import ReportError, report_to_json
from gongkai.report.parse import read_path

T3 = {
    "new_received": "new",
    "carried_over": "carried_over",
    "granted": "granted",
    "partial": "partially_granted",
    "denied_1_state_secret": "withheld.state_secret",
    "denied_2_law_forbidden": "withheld.prohibited_by_law",
    "denied_3_three_security": "withheld.security_stability",
    "denied_4_third_party": "withheld.third_party_rights",
    "denied_5_internal_affairs": "withheld.internal_affairs",
    "denied_6_process_info": "withheld.process_information",
    "denied_7_enforcement_case": "withheld.enforcement_case_file",
    "denied_8_admin_query": "withheld.administrative_query",
    "unable_1_no_info": "unavailable.not_held",
    "unable_2_need_creation": "unavailable.needs_creation",
    "unable_3_unclear": "unavailable.unclear_after_clarification",
    "not_processed_1_complaint": "not_processed.petition_or_complaint",
    "not_processed_2_repeat": "not_processed.repeated",
    "not_processed_3_publication": "not_processed.publication_requested",
    "not_processed_4_massive": "not_processed.excessive",
    "not_processed_5_confirm": "not_processed.confirmation_requested",
    "other_1_no_correction": "other_handling.no_clarification",
    "other_2_no_fee": "other_handling.fee_unpaid",
    "other_3_other": "other_handling.other",
    "other_processing": "other_handling.other",
    "total_processed": "total",
    "carried_forward": "carried_forward",
}
T4 = {
    "administrative_review": "reconsideration",
    "litigation_direct": "litigation_direct",
    "litigation_after_review": "litigation_after_reconsideration",
}
T4K = {
    "maintain": "upheld",
    "correct": "corrected",
    "other": "other",
    "pending": "pending",
    "total": "total",
}
T2 = {"regulations": "rules", "normative_documents": "normative_documents"}
T2K = {"made": "issued", "repealed": "repealed", "valid": "in_force"}
T2S = {
    "administrative_licensing": "licensing",
    "administrative_punishment": "penalty",
    "administrative_coercion": "enforcement",
    "administrative_fees_10k_yuan": "fees_10k_yuan",
}
TABLES = {"三": "applications", "四": "reviews", "二": "active"}


def gold_cells(gold: dict[str, Any]) -> list[tuple[tuple[Any, ...], Any]]:
    """(path, expected) pairs as the shared scoring tool builds them (blank printed = 0)."""
    out: list[tuple[tuple[Any, ...], Any]] = []
    t3 = gold["table3"]
    for key in t3["row_order"]:
        for index, value in enumerate(t3["rows"][key]):
            out.append((("applications", T3[key], index), 0 if value is None else value))
    for gk, ck in T4.items():
        for kk, ck2 in T4K.items():
            value = gold["table4"][gk][kk]
            out.append((("reviews", ck, ck2), 0 if value is None else value))
    t2 = gold["table2"]
    notes = gold.get("notes", [])
    glued = any("glued" in note or "concatenated" in note for note in notes)
    if t2.get("format") == "2021" and not t2.get("unverified") and not glued:
        for gk, ck in T2.items():
            for kk, ck2 in T2K.items():
                if t2[gk][kk] is not None:
                    out.append((("active", ck, ck2), t2[gk][kk]))
        for gk, ck in T2S.items():
            if t2.get(gk) is not None:
                out.append((("active", ck), t2[gk]))
    return out


def lookup(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def number(value: Any) -> Decimal | str | None:
    if value is None:
        return None
    try:
        return Decimal(str(value))
    except ArithmeticError:
        return "bad"


def _severity(finding: Any) -> str:
    severity = getattr(finding, "severity", "")
    return str(getattr(severity, "value", severity))


def findings_verdict(report: Any, gold: dict[str, Any]) -> str:
    try:
        from gongkai.report.rules import check
    except ImportError:
        return "rules not available"
    errors = [f for f in check(report) if _severity(f) == "error"]
    hard = [item for item in gold.get("inconsistencies", []) if item.get("severity") == "hard"]
    found = 0
    for item in hard:
        table = TABLES.get(item.get("table", ""), "")
        if any(any(str(cell).startswith(table) for cell in f.cells) for f in errors):
            found += 1
    ok = found == len(hard) and (hard or not errors)
    verdict = "match" if ok else "DIFFER"
    return f"findings {verdict} (hard {found}/{len(hard)}, errors {len(errors)})"


def main(argv: list[str]) -> int:
    default = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
    corpus = Path(argv[1]) if len(argv) > 1 else default
    if not corpus.is_dir():
        print(f"corpus not found: {corpus}")
        return 2
    total = exact = 0
    started = time.perf_counter()
    for gold_path in sorted(corpus.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        cells = gold_cells(gold)
        total += len(cells)
        try:
            report = read_path(corpus / gold["file"])
        except ReportError as exc:
            print(f"{gold['file']}: unreadable: {exc}")
            continue
        data = report_to_json(report)
        misses = [(p, lookup(data, p), v) for p, v in cells if number(lookup(data, p)) != number(v)]
        exact += len(cells) - len(misses)
        shown = "; ".join(f"{'/'.join(map(str, p))}={g}!={v}" for p, g, v in misses[:4])
        print(
            f"{gold['file']}: cells {len(cells) - len(misses)}/{len(cells)} "
            f"({(len(cells) - len(misses)) / len(cells):.1%}); {findings_verdict(report, gold)}"
            + (f"; e.g. {shown}" if shown else "")
        )
    elapsed = time.perf_counter() - started
    share = exact / total if total else 0.0
    print(f"TOTAL: cells {exact}/{total} ({share:.1%}) in {elapsed:.2f}s")
    return 0 if share >= 0.99 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
