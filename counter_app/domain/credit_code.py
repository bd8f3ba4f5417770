"""统一社会信用代码 (GB 32100-2015): 18 characters with a MOD 31 check character."""

from __future__ import annotations

CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

OK = ""
WRONG_LENGTH = "credit.wrong_length"
BAD_CHARACTERS = "credit.bad_characters"
BAD_CHECK = "credit.bad_check"


def check_char(first17: str) -> str:
    total = sum(CHARS.index(c) * w for c, w in zip(first17, WEIGHTS))
    return CHARS[(31 - total % 31) % 31]


def problem(code: str) -> str:
    c = "".join(code.split()).upper()
    if len(c) != 18:
        return WRONG_LENGTH
    if any(ch not in CHARS for ch in c):
        return BAD_CHARACTERS
    if check_char(c[:17]) != c[17]:
        return BAD_CHECK
    return OK
