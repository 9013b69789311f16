"""Applicants' identifiers: check characters, and masking for display.

- Resident id number (居民身份证号码, GB 11643-1999): 17 digits and a check character. The
  check is ISO 7064 MOD 11-2: weights 2^(17-i) mod 11 for positions i = 1…17, and the check
  character is the value c with (sum + c) ≡ 1 (mod 11), written "X" for 10. Digits 7–14 are the
  birth date (YYYYMMDD) and must be a real date. The area code is not checked against a list:
  codes change, and residence permits (港澳台居民居住证, 83xxxx…) use the same format.
- Unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from the 31 of
  "0123456789ABCDEFGHJKLMNPQRTUWXY" (no I, O, S, V, Z); characters 3–8 are the registering
  authority's area code (digits); the 18th is the check: weights 3^(i-1) mod 31 and
  check = (31 − sum mod 31) mod 31. The embedded 组织机构代码 check (GB 11714) is not verified.

Both are personal or organisational data: validate them, then show them only masked outside
the case (`mask_id_number`, `mask_phone`).
"""

from __future__ import annotations

import datetime as dt

__all__ = [
    "CREDIT_CODE_CHARACTERS",
    "IdentityError",
    "credit_code_check_character",
    "is_valid_credit_code",
    "is_valid_resident_id",
    "mask_id_number",
    "mask_phone",
    "resident_id_check_character",
    "validate_credit_code",
    "validate_resident_id",
]

_ID_LENGTH = 18
_ID_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))  # 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, …
_ID_CHECK = "10X98765432"  # indexed by sum mod 11
_EARLIEST_BIRTH_YEAR = 1800
CREDIT_CODE_CHARACTERS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_VALUES = {char: value for value, char in enumerate(CREDIT_CODE_CHARACTERS)}
_CREDIT_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))  # 1, 3, 9, 27, 19, 26, 16, …
_ASCII_DIGITS = frozenset("0123456789")


class IdentityError(ValueError):
    """An identifier that fails its format or check; the message (Chinese) says how."""


def _normalise(value: str) -> str:
    return value.strip().upper()


def resident_id_check_character(first17: str) -> str:
    """Return the GB 11643 check character ("0"–"9" or "X") of a 17-digit body."""
    if len(first17) != _ID_LENGTH - 1 or not set(first17) <= _ASCII_DIGITS:
        raise IdentityError("身份证号码本体码应为17位数字")
    total = sum(int(digit) * weight for digit, weight in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def validate_resident_id(value: str) -> str:
    """Return the resident id number normalised (upper-case X), or raise IdentityError."""
    number = _normalise(value)
    if len(number) != _ID_LENGTH:
        raise IdentityError(f"身份证号码应为18位，实际{len(number)}位")
    body, check = number[:17], number[17]
    if not set(body) <= _ASCII_DIGITS or check not in _ID_CHECK:
        raise IdentityError("身份证号码前17位应为数字，最后一位应为数字或X")
    try:
        birth = dt.date(int(body[6:10]), int(body[10:12]), int(body[12:14]))
    except ValueError as error:
        raise IdentityError(f"身份证号码中的出生日期 {body[6:14]} 不存在") from error
    if birth.year < _EARLIEST_BIRTH_YEAR:
        raise IdentityError(f"身份证号码中的出生日期 {body[6:14]} 不合理")
    if resident_id_check_character(body) != check:
        raise IdentityError("身份证号码校验码不正确，请核对")
    return number


def is_valid_resident_id(value: str) -> bool:
    """Return whether `value` is a well-formed resident id number with a correct check."""
    try:
        validate_resident_id(value)
    except IdentityError:
        return False
    return True


def credit_code_check_character(first17: str) -> str:
    """Return the GB 32100 check character of a 17-character body."""
    if len(first17) != _ID_LENGTH - 1 or not set(first17) <= _CREDIT_VALUES.keys():
        raise IdentityError("统一社会信用代码本体应为17位，只含数字和规定的大写字母")
    total = sum(
        _CREDIT_VALUES[char] * weight for char, weight in zip(first17, _CREDIT_WEIGHTS, strict=True)
    )
    return CREDIT_CODE_CHARACTERS[(31 - total % 31) % 31]


def validate_credit_code(value: str) -> str:
    """Return the unified social credit code normalised (upper case), or raise IdentityError."""
    code = _normalise(value)
    if len(code) != _ID_LENGTH:
        raise IdentityError(f"统一社会信用代码应为18位，实际{len(code)}位")
    wrong = sorted({char for char in code if char not in _CREDIT_VALUES})
    if wrong:
        raise IdentityError(
            f"统一社会信用代码含有不允许的字符：{'、'.join(wrong)}（不使用 I、O、S、V、Z）"
        )
    if not set(code[2:8]) <= _ASCII_DIGITS:
        raise IdentityError("统一社会信用代码第3至8位应为登记管理机关行政区划码（数字）")
    if credit_code_check_character(code[:17]) != code[17]:
        raise IdentityError("统一社会信用代码校验码不正确，请核对")
    return code


def is_valid_credit_code(value: str) -> bool:
    """Return whether `value` is a well-formed unified social credit code with a correct check."""
    try:
        validate_credit_code(value)
    except IdentityError:
        return False
    return True


def _mask(value: str, keep_start: int, keep_end: int) -> str:
    """Return `value` with all but its first and last few characters replaced by '*'."""
    if len(value) <= keep_start + keep_end:
        # Too short to show both ends without revealing it: show only the last character.
        return "*" * (len(value) - 1) + value[-1:] if value else ""
    middle = len(value) - keep_start - keep_end
    return value[:keep_start] + "*" * middle + value[len(value) - keep_end :]


def mask_id_number(value: str) -> str:
    """Return an id number for display: first 4 and last 4 kept (4101**********123X)."""
    return _mask(value.strip(), 4, 4)


def mask_phone(value: str) -> str:
    """Return a phone number for display: first 3 and last 4 digits kept (138****5678)."""
    return _mask(value.strip(), 3, 4)
