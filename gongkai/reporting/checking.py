"""The checks a report must pass in the platform before it is signed off, pure Python.

Every rule of the engine (`gongkai.report.rules.check`, against last year's report where the
system holds one), and what an agency's own report must also get right:

- `S.required` (error): sections 一、五、六 present and not empty (条例第五十条);
- `X.carry_over` is an error here, not a warning: this year's 上年结转 must equal last year's
  结转下年度 per applicant column, since both come from the same agency's records;
- `TXT.fee_statement` (error): section 六 states the 信息处理费, charged or 无收取, every year
  (国办函〔2020〕109号; the statutory review asks for it whether or not fees were charged);
- `TXT.copied` (warning): a narrative section repeats last year's text above `COPY_SHARE`
  (docs/decisions, the annual report: the share of this year's characters in sentences found
  word for word in last year's section; supervising offices score over half copied as 照搬).

A finding is stored as a dict with a stable `key` (rule and cells), which the explanation of
a warning is kept under.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from gongkai.report.catalogue import SECTIONS
from gongkai.report.model import AnnualReport
from gongkai.report.rules import Finding, Severity, check

__all__ = [
    "COPY_SHARE",
    "blocking",
    "copied_share",
    "finding_key",
    "finding_to_dict",
    "platform_findings",
    "unexplained",
]

COPY_SHARE = 0.5
"""A section of which more than this share repeats last year's text draws `TXT.copied`."""

_SENTENCE = re.compile(r"[^。；！？\n]+[。；！？]?")
_FEE_WORDS = ("信息处理费",)
_ESCALATED = frozenset({"X.carry_over"})


def platform_findings(
    report: AnnualReport, *, previous: AnnualReport | None = None
) -> list[Finding]:
    """Every finding on `report`: the engine's rules, then the platform's own (module doc)."""
    findings = [
        replace(f, severity=Severity.ERROR) if f.rule in _ESCALATED else f
        for f in check(report, previous=previous)
        if not _about_a_section(f)  # S.required says it, as an error
    ]
    findings.extend(_required_sections(report))
    findings.extend(_fee_statement(report))
    if previous is not None:
        findings.extend(_copied(report, previous))
    return findings


def _about_a_section(finding: Finding) -> bool:
    return finding.rule == "S.structure" and any(c.startswith("text/") for c in finding.cells)


def _required_sections(report: AnnualReport) -> list[Finding]:
    return [
        Finding(
            "S.required",
            Severity.ERROR,
            f"第{section.number}部分“{section.heading}”没有内容：按条例第五十条须写明。",
            cells=(f"text/{section.text_key}",),
        )
        for section in SECTIONS
        if section.text_key and not report.text.get(section.text_key, "").strip()
    ]


def _fee_statement(report: AnnualReport) -> list[Finding]:
    text = report.text.get("other_matters", "")
    if not text.strip() or any(word in text for word in _FEE_WORDS):
        return []  # an empty section is S.required's finding
    return [
        Finding(
            "TXT.fee_statement",
            Severity.ERROR,
            "第六部分未说明信息处理费的收取情况：无论是否收取，均须写明（收取的写明金额，"
            "未收取的写明“未收取信息处理费”）。",
            cells=("text/other_matters",),
        )
    ]


def copied_share(text: str, previous: str) -> float:
    """The share of `text`'s characters that stand in sentences found word for word in
    `previous` (linear in both: a set of last year's sentences)."""
    sentences = [s.strip() for s in _SENTENCE.findall(text) if s.strip()]
    total = sum(len(s) for s in sentences)
    if total == 0:
        return 0.0
    before = {s.strip() for s in _SENTENCE.findall(previous) if s.strip()}
    return sum(len(s) for s in sentences if s in before) / total


def _copied(report: AnnualReport, previous: AnnualReport) -> list[Finding]:
    findings = []
    for section in SECTIONS:
        if section.text_key is None:
            continue
        share = copied_share(
            report.text.get(section.text_key, ""), previous.text.get(section.text_key, "")
        )
        if share > COPY_SHARE:
            findings.append(
                Finding(
                    "TXT.copied",
                    Severity.WARNING,
                    f"第{section.number}部分“{section.heading}”有 {share:.0%} 的文字"
                    "与上年报告相同，请按本年度工作情况修改，或说明沿用的理由。",
                    cells=(f"text/{section.text_key}",),
                    expected=f"≤{COPY_SHARE:.0%}",
                    actual=f"{share:.0%}",
                )
            )
    return findings


def finding_key(finding: Finding | Mapping[str, Any]) -> str:
    """The stable key of a finding: its rule and cells (an explanation is kept under it)."""
    if isinstance(finding, Finding):
        rule, cells = finding.rule, finding.cells
    else:
        rule, cells = str(finding["rule"]), tuple(finding.get("cells", ()))
    return f"{rule}|{','.join(cells)}"


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    """A finding as stored with the version (the JSON of `gongkai report check --json`)."""
    return {
        "key": finding_key(finding),
        "rule": finding.rule,
        "severity": finding.severity.value,
        "message": finding.message,
        "cells": list(finding.cells),
        "expected": finding.expected,
        "actual": finding.actual,
    }


def blocking(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The errors among stored findings: each blocks submission and sign-off."""
    return [f for f in findings if f["severity"] == Severity.ERROR.value]


def unexplained(
    findings: list[dict[str, Any]], explanations: Mapping[str, str]
) -> list[dict[str, Any]]:
    """The warnings among stored findings that have no written explanation yet."""
    return [
        f
        for f in findings
        if f["severity"] == Severity.WARNING.value and not explanations.get(f["key"], "").strip()
    ]
