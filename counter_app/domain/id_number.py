"""Citizen ID numbers (GB 11643): check digit, birth date, sex, masking."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"

# Problems, as message keys (translated by the presenter).
OK = ""
WRONG_LENGTH = "id.wrong_length"
BAD_CHARACTERS = "id.bad_characters"
BAD_BIRTH_DATE = "id.bad_birth_date"
BAD_CHECK_DIGIT = "id.bad_check_digit"


def check_char(first17: str) -> str:
    """The MOD 11-2 check character for the first 17 digits."""
    total = sum(int(c) * w for c, w in zip(first17, WEIGHTS))
    return CHECK_CHARS[total % 11]


@dataclass(frozen=True)
class IdCheck:
    number: str = field(repr=False)
    problem: str  # "" when valid, else one of the keys above

    @property
    def valid(self) -> bool:
        return not self.problem

    @property
    def birth_date(self) -> dt.date | None:
        if not self.valid:
            return None
        return parse_birth(self.number[6:14])

    @property
    def sex(self) -> str | None:
        """'男' or '女' from the sequence digit's parity."""
        if not self.valid:
            return None
        return "男" if int(self.number[16]) % 2 else "女"


def parse_birth(text: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(text, "%Y%m%d").date()
    except ValueError:
        return None


def normalize(number: str) -> str:
    """Full-width digits to ASCII (an IME left in full-width mode), no spaces, trailing x upper case."""
    return "".join(unicodedata.normalize("NFKC", number).split()).upper()


def check(number: str, *, today: dt.date | None = None) -> IdCheck:
    n = normalize(number)
    if len(n) != 18:
        return IdCheck(n, WRONG_LENGTH)
    if not n.isascii() or not n[:17].isdigit() or not (n[17].isdigit() or n[17] == "X"):
        return IdCheck(n, BAD_CHARACTERS)
    birth = parse_birth(n[6:14])
    today = today or dt.date.today()
    if birth is None or birth.year < 1870 or birth > today:
        return IdCheck(n, BAD_BIRTH_DATE)
    if check_char(n[:17]) != n[17]:
        return IdCheck(n, BAD_CHECK_DIGIT)
    return IdCheck(n, OK)


def mask(number: str | None) -> str:
    """Show the region and the check character only: ``110105********002X`` → ``110105**********2X``."""
    if not number:
        return ""
    n = normalize(number)
    if len(n) <= 6:
        return "*" * len(n)
    keep_tail = 2 if len(n) >= 12 else 1
    return n[:6] + "*" * (len(n) - 6 - keep_tail) + n[-keep_tail:]
