"""The automatic scan: what it finds, what it leaves alone, how findings are overridden."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from gongkai.applications.procedure.identity import resident_id_check_character
from gongkai.publications.scan import (
    BODY,
    FindingKind,
    attachment_source,
    is_luhn_valid,
    scan_text,
    unresolved,
)

BODY17 = "41172119900307123"
VALID_ID = BODY17 + resident_id_check_character(BODY17)
WRONG_CHECK_ID = BODY17 + ("0" if VALID_ID[-1] != "0" else "1")
CARD = "6222021234567890128"  # 19 digits, Luhn-valid


def kinds(text: str) -> list[FindingKind]:
    return [finding.kind for finding in scan_text(text)]


def test_a_resident_id_number_with_a_correct_check_character_is_found() -> None:
    # given a body naming a person by id number
    text = f"经核实，当事人身份证号码为{VALID_ID}，住址略。"
    # when scanned
    (finding,) = scan_text(text)
    # then one resident-id finding at its position, masked in the excerpt
    assert finding.kind is FindingKind.RESIDENT_ID
    assert text[finding.start : finding.end] == VALID_ID
    assert VALID_ID not in finding.excerpt
    assert "411" in finding.excerpt and "*" in finding.excerpt
    assert finding.key == f"body#resident_id@{finding.start}"


def test_an_18_digit_number_with_a_wrong_check_character_is_not_an_id() -> None:
    assert FindingKind.RESIDENT_ID not in kinds(f"编号{WRONG_CHECK_ID}")


def test_a_lower_case_x_check_character_is_found() -> None:
    body = next(
        f"11010519800101{n:03d}"
        for n in range(1000)
        if resident_id_check_character(f"11010519800101{n:03d}") == "X"
    )
    assert kinds(f"证号{body}x。") == [FindingKind.RESIDENT_ID]


def test_mobile_numbers_are_found_with_boundaries() -> None:
    assert kinds("联系电话：13812345678。") == [FindingKind.MOBILE]
    assert kinds("联系电话：+86 13812345678") == [FindingKind.MOBILE]
    # part of a longer number, or starting 12: not a mobile number
    assert kinds("数值 138123456789 ") == []
    assert kinds("编号12812345678") == []
    assert kinds("code A13812345678") == []


def test_bank_card_numbers_pass_luhn_whole_or_in_groups() -> None:
    assert kinds(f"账号{CARD}") == [FindingKind.BANK_CARD]
    assert kinds("卡号 6222 0212 3456 7890 128") == [FindingKind.BANK_CARD]
    assert kinds("数值 6222021234567890129") == []  # fails Luhn


def test_statistics_are_not_findings() -> None:
    text = "2023年全区规模以上工业增加值同比增长7.8%，实现营业收入1234567万元，共25家企业。"
    assert scan_text(text) == ()


def test_an_excerpt_never_shows_a_neighbouring_finding_in_clear() -> None:
    findings = scan_text(f"{VALID_ID}，13812345678")
    assert len(findings) == 2
    for finding in findings:
        assert VALID_ID not in finding.excerpt
        assert "13812345678" not in finding.excerpt


def test_attachment_findings_are_keyed_by_their_source() -> None:
    (finding,) = scan_text("13812345678", source=attachment_source(7))
    assert finding.key == "attachment:7#mobile@0"
    assert finding.as_json()["label"] == "手机号码"


def test_only_overrides_with_a_reason_resolve_a_finding() -> None:
    findings = scan_text(f"{VALID_ID} 13812345678", source=BODY)
    id_key, mobile_key = (f.key for f in findings)
    # given an override with a reason for the id and a blank one for the mobile
    left = unresolved(findings, {id_key: "当事人书面同意公开", mobile_key: "  "})
    # then only the mobile number is unresolved
    assert [f.key for f in left] == [mobile_key]


@given(st.text(alphabet="0123456789", min_size=1, max_size=19))
def test_luhn_agrees_with_the_textbook_definition(digits: str) -> None:
    total = 0
    for i, char in enumerate(reversed(digits)):
        d = int(char) * (2 if i % 2 else 1)
        total += d // 10 + d % 10
    assert is_luhn_valid(digits) is (total % 10 == 0)
