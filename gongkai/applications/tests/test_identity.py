"""Check characters of resident id numbers and unified social credit codes, and masking."""

from __future__ import annotations

import pytest

from gongkai.applications.procedure.identity import (
    CREDIT_CODE_CHARACTERS,
    IdentityError,
    credit_code_check_character,
    is_valid_credit_code,
    is_valid_resident_id,
    mask_id_number,
    mask_phone,
    resident_id_check_character,
    validate_credit_code,
    validate_resident_id,
)


def gb11643_check(body: str) -> str:
    """The check character straight from GB 11643's definition: (Σ aᵢ·2^(18−i) + c) ≡ 1 mod 11."""
    total = sum(int(a) * 2 ** (18 - i) for i, a in enumerate(body, start=1))
    for value in range(11):
        if (total + value) % 11 == 1:
            return "X" if value == 10 else str(value)
    raise AssertionError("unreachable")


def gb32100_check(body: str) -> str:
    """The check character from GB 32100: 31 − (Σ Cᵢ·Wᵢ mod 31), Wᵢ = 3^(i−1) mod 31."""
    total = sum(CREDIT_CODE_CHARACTERS.index(c) * 3 ** (i - 1) for i, c in enumerate(body, 1))
    return CREDIT_CODE_CHARACTERS[(31 - total % 31) % 31]


# --- resident id numbers --------------------------------------------------------------------


def test_the_standards_own_example_worked_by_hand() -> None:
    # GB 11643's example 11010519491231002X: digits × weights (7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2)
    # = 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167; 167 mod 11 = 2 → "X".
    assert resident_id_check_character("11010519491231002") == "X"
    assert validate_resident_id("11010519491231002x") == "11010519491231002X"
    # The standard's other example, born 1880: 440524188001010014.
    assert is_valid_resident_id("440524188001010014")


@pytest.mark.parametrize(
    "body",
    [
        "41010119900307123",  # 郑州, born 1990-03-07
        "41172620000229456",  # 驻马店, born on a leap day
        "11010120231231000",
        "83000019851111888",  # residence permit for a Taiwan resident
    ],
)
def test_constructed_numbers_agree_with_the_definition(body: str) -> None:
    check = gb11643_check(body)
    assert resident_id_check_character(body) == check
    assert is_valid_resident_id(body + check)
    wrong = "0" if check != "0" else "1"
    assert not is_valid_resident_id(body + wrong)


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("4101011990030712", "应为18位，实际16位"),
        ("41010119900307123Y", "最后一位应为数字或X"),
        ("4101011990030７1234", "前17位应为数字"),  # a full-width digit
        ("410101" + "19900230" + "123", "应为18位"),
        ("410101" + "19900230" + "1234", "出生日期 19900230 不存在"),
        ("410101" + "17991231" + "1234", "不合理"),
        ("11010519491231002" + "1", "校验码不正确"),
    ],
)
def test_invalid_resident_id_numbers(number: str, message: str) -> None:
    with pytest.raises(IdentityError, match=message):
        validate_resident_id(number)


# --- unified social credit codes ------------------------------------------------------------


def test_a_credit_code_worked_by_hand() -> None:
    # 91350100M000100Y4?: values 9 1 3 5 0 1 0 0 M=21 0 0 0 1 0 0 Y=30 4, weights
    # 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28: 9+3+27+135+26+420+8+900+112 = 1640;
    # 1640 mod 31 = 28; 31 − 28 = 3.
    assert credit_code_check_character("91350100M000100Y4") == "3"
    assert validate_credit_code(" 91350100m000100y43 ") == "91350100M000100Y43"


@pytest.mark.parametrize(
    "body",
    ["91411700MA9XYT123", "12411700415804000", "52410000MJY123456", "Y1110000000000000"],
)
def test_constructed_codes_agree_with_the_definition(body: str) -> None:
    check = gb32100_check(body)
    assert credit_code_check_character(body) == check
    assert is_valid_credit_code(body + check)
    other = CREDIT_CODE_CHARACTERS[(CREDIT_CODE_CHARACTERS.index(check) + 1) % 31]
    assert not is_valid_credit_code(body + other)


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("91350100M000100Y4", "应为18位，实际17位"),
        ("91350100M000I00Y43", "不允许的字符：I"),
        ("91350100M000100O43", "不允许的字符：O"),
        ("9135A100M000100Y43", "第3至8位"),
        ("91350100M000100Y44", "校验码不正确"),
    ],
)
def test_invalid_credit_codes(code: str, message: str) -> None:
    with pytest.raises(IdentityError, match=message):
        validate_credit_code(code)


# --- masking --------------------------------------------------------------------------------


def test_masking_for_display() -> None:
    assert mask_id_number("41010119900307123X") == "4101**********123X"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("0396-2345678") == "039*****5678"
    assert mask_id_number("91350100M000100Y43") == "9135**********0Y43"


def test_short_values_reveal_at_most_their_last_character() -> None:
    assert mask_phone("1234567") == "******7"
    assert mask_phone("") == ""
