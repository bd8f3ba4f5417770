"""Decode and check a card's text record: all or nothing.

:func:`decode_record` returns a :class:`CardData` or raises :class:`UserError` with a
``cards.*`` message key; it never returns half a card and never raises anything else, whatever
the bytes. Checked: the record's size and kind, the UTF-16 text, the ID or card number
(MOD 11-2 via :mod:`counter_app.domain.id_number`, region of a J permit, birth date and sex
agreeing with the number), every date (real, in order, not in the future), sex, ethnicity and
nationality codes. An expired card is not a failure: it carries the ``expired`` warning.
Message parameters never carry personal data.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from counter_app.cards import codes
from counter_app.cards.layout import LAYOUTS, PHOTO_SIZE, RECORD_SIZE, field_text, kind_of
from counter_app.cards.record import (EXPIRED, FOREIGN_2017, FOREIGN_2023, HKMO_TW_PERMIT, RESIDENT,
                                      UNKNOWN_NATIONALITY, CardData)
from counter_app.domain import id_number as idn
from counter_app.errors import PERMANENT, UserError

NO_EXPIRY = "长期"
PERMIT_REGIONS = ("810000", "820000", "830000")   # Hong Kong, Macao, Taiwan
_FOREIGN_2017_NUMBER = re.compile(r"[A-Z]{3}[0-9]{12}")
_FOREIGN_2023_NUMBER = re.compile(r"9[0-9]{16}[0-9X]")
_BAD_CATEGORIES = {"Cc", "Cs", "Cn"}   # private-use (生僻字 on some cards) is allowed


def _fail(key: str, **params) -> UserError:
    return UserError(key, kind=PERMANENT, **params)


def _fields(record: bytes, kind: str) -> dict[str, str]:
    out = {}
    for name, (offset, length) in LAYOUTS[kind].items():
        try:
            text = field_text(record, offset, length, unpad=name != "english_name")
        except UnicodeDecodeError:
            raise _fail("cards.bad_text") from None
        if any(unicodedata.category(c) in _BAD_CATEGORIES for c in text.rstrip(" \x00")):
            raise _fail("cards.bad_text")
        out[name] = text
    if kind == FOREIGN_2023:
        rest = out.pop("english_name_2")
        out["english_name"] = (out["english_name"] + rest) if rest else out["english_name"]
    if "english_name" in out:
        out["english_name"] = out["english_name"].rstrip(" \x00")
    return out


def _date(text: str, which: str) -> dt.date:
    if len(text) != 8 or not text.isascii() or not text.isdigit():
        raise _fail(f"cards.bad_date.{which}")
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        raise _fail(f"cards.bad_date.{which}") from None


def _dates(f: dict[str, str], today: dt.date) -> tuple[dt.date, dt.date, dt.date | None]:
    birth = _date(f["birth"], "birth")
    if birth.year < 1870 or birth > today:
        raise _fail("cards.bad_date.birth")
    valid_from = _date(f["valid_from"], "valid_from")
    if valid_from < birth or valid_from > today + dt.timedelta(days=1):
        raise _fail("cards.bad_date.valid_from")
    valid_until = None if f["valid_until"] == NO_EXPIRY else _date(f["valid_until"], "valid_until")
    if valid_until is not None and valid_until <= valid_from:
        raise _fail("cards.bad_date.valid_until")
    return birth, valid_from, valid_until


def _check_citizen_number(number: str, birth_raw: str, sex_code: str, today: dt.date) -> None:
    if not number.isascii():   # str.isdigit() also accepts "¹", "٣"...
        raise _fail("cards.id_malformed")
    check = idn.check(number, today=today)
    if check.problem == idn.BAD_CHECK_DIGIT:
        raise _fail("cards.id_check_digit")
    if not check.valid or check.number != number:
        raise _fail("cards.id_malformed")
    if number[6:14] != birth_raw:
        raise _fail("cards.id_mismatch")
    if sex_code in ("1", "2") and int(number[16]) % 2 != (1 if sex_code == "1" else 0):
        raise _fail("cards.id_mismatch")


def _check_foreign_number(kind: str, number: str) -> None:
    if kind == FOREIGN_2017:
        if not _FOREIGN_2017_NUMBER.fullmatch(number):
            raise _fail("cards.bad_card_number")
        return
    if not _FOREIGN_2023_NUMBER.fullmatch(number):
        raise _fail("cards.bad_card_number")
    if idn.check_char(number[:17]) != number[17]:
        raise _fail("cards.id_check_digit")


def _nationality(kind: str, code: str, warnings: list[str]) -> tuple[str, str]:
    pattern = r"[A-Z]{3}" if kind == FOREIGN_2017 else r"[0-9]{3}"
    if not re.fullmatch(pattern, code):
        raise _fail("cards.bad_nationality")
    name, known = codes.nationality_name(code)
    if not known:
        warnings.append(UNKNOWN_NATIONALITY)
    return name, code


def decode_record(text: bytes, photo: bytes = b"", *, today: dt.date | None = None) -> CardData:
    """Decode and check a 256-byte text record (and keep the raw photo bytes)."""
    today = today or dt.date.today()
    record = bytes(text)
    if len(record) != RECORD_SIZE:
        raise _fail("cards.bad_length", got=len(record), want=RECORD_SIZE)
    if photo and len(photo) != PHOTO_SIZE:
        raise _fail("cards.bad_photo_length", got=len(photo), want=PHOTO_SIZE)
    kind = kind_of(record)
    if kind is None:
        raise _fail("cards.unknown_type")
    f = _fields(record, kind)
    number = f["id_number"]
    english = f.get("english_name") or None
    if not number or not (f["name"] or (kind == FOREIGN_2017 and english)):
        raise _fail("cards.incomplete")
    sex = codes.sex_name(f["sex"])
    if sex is None:
        raise _fail("cards.bad_sex")
    birth, valid_from, valid_until = _dates(f, today)
    warnings: list[str] = []
    extra: dict[str, str | None] = {}
    if kind in (RESIDENT, HKMO_TW_PERMIT):
        _check_citizen_number(number, f["birth"], f["sex"], today)
        extra["address"] = f["address"]
        if kind == RESIDENT:
            ethnicity = codes.ethnicity_name(f["ethnicity"])
            if ethnicity is None:
                raise _fail("cards.bad_ethnicity")
            extra.update(ethnicity=ethnicity, ethnicity_code=f["ethnicity"])
        else:
            if number[:6] not in PERMIT_REGIONS:
                raise _fail("cards.bad_permit_region")
            extra.update(permit_number=f["permit_number"] or None,
                         issue_count=f["issue_count"] or None)
    else:
        _check_foreign_number(kind, number)
        extra["nationality"], extra["nationality_code"] = _nationality(kind, f["nationality"], warnings)
        if kind == FOREIGN_2017:
            extra["card_version"] = f["card_version"] or None
        else:
            extra.update(issue_count=f["issue_count"] or None,
                         previous_link=f["previous_link"] or None)
    if valid_until is not None and valid_until < today:
        warnings.insert(0, EXPIRED)
    return CardData(
        card_type=kind, name=f["name"], sex=sex, sex_code=f["sex"], birth_date=birth,
        id_number=number, valid_from=valid_from, valid_until=valid_until,
        authority=f.get("authority") or None, english_name=english,
        warnings=tuple(warnings), photo=bytes(photo), **extra)


def decode_hex(text: str, *, today: dt.date | None = None) -> CardData:
    """A text record written as hex (spaces, newlines and ``0x`` allowed), as the CLI reads it."""
    cleaned = re.sub(r"0x|[\s:,]", "", text.strip(), flags=re.IGNORECASE)
    try:
        record = bytes.fromhex(cleaned)
    except ValueError:
        raise _fail("cards.not_hex") from None
    return decode_record(record, today=today)
