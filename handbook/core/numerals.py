"""Chinese numerals up to 999, both ways: 第二十一条, 第十二章."""

from __future__ import annotations

_DIGITS = "零一二三四五六七八九"
_VALUES = {char: value for value, char in enumerate(_DIGITS)} | {"〇": 0, "两": 2}
_UNITS = {"十": 10, "百": 100}


def parse_chinese(text: str) -> int:
    """Convert a Chinese numeral up to 999 (十二, 二十, 一百零五) into an int."""
    total, digit = 0, 0
    for char in text:
        if char in _VALUES:
            digit = _VALUES[char]
        elif char in _UNITS:
            total += (digit or 1) * _UNITS[char]
            digit = 0
        else:
            raise ValueError(f"not a Chinese numeral: {text}")
    return total + digit


def chinese(number: int) -> str:
    """Write 0–999 as a Chinese numeral: 十二, 二十一, 一百零五, 一百一十."""
    if not 0 <= number <= 999:
        raise ValueError(f"{number} is outside 0–999")
    hundreds, rest = divmod(number, 100)
    tens, ones = divmod(rest, 10)
    if hundreds == 0:
        if tens == 0:
            return _DIGITS[ones]
        return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")
    out = _DIGITS[hundreds] + "百"
    if tens:
        out += _DIGITS[tens] + "十" + (_DIGITS[ones] if ones else "")
    elif ones:
        out += "零" + _DIGITS[ones]
    return out
