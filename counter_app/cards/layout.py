"""The 256-byte text record: field offsets per card kind, raw field access, and the encoder.

The record is UTF-16LE, fixed-width fields right-padded with spaces; the type flag at bytes
248-249 tells the kind (space or NUL = resident card). Offsets are ID_CARDS.md's tables.
:class:`RecordFields` holds the fields as the chip stores them (codes, ``YYYYMMDD`` dates,
``长期``); :func:`encode` writes them back into a record, for tests, the simulator and the
card emulators. Decoding and checking is :mod:`counter_app.cards.decode`.
"""

from __future__ import annotations

from dataclasses import dataclass

from counter_app.cards.record import FOREIGN_2017, FOREIGN_2023, HKMO_TW_PERMIT, RESIDENT

RECORD_SIZE = 256
PHOTO_SIZE = 1024
TYPE_OFFSET = 248
TYPE_FLAGS = {RESIDENT: " ", HKMO_TW_PERMIT: "J", FOREIGN_2017: "I", FOREIGN_2023: "Y"}
KIND_OF_FLAG = {" ": RESIDENT, "\x00": RESIDENT, "J": HKMO_TW_PERMIT, "I": FOREIGN_2017,
                "Y": FOREIGN_2023}

# field name -> (byte offset, byte length)
_RESIDENT = {
    "name": (0, 30), "sex": (30, 2), "ethnicity": (32, 4), "birth": (36, 16),
    "address": (52, 70), "id_number": (122, 36), "authority": (158, 30),
    "valid_from": (188, 16), "valid_until": (204, 16),
}
LAYOUTS: dict[str, dict[str, tuple[int, int]]] = {
    RESIDENT: _RESIDENT,
    HKMO_TW_PERMIT: {**_RESIDENT, "permit_number": (220, 18), "issue_count": (238, 4)},
    FOREIGN_2017: {
        "english_name": (0, 120), "sex": (120, 2), "id_number": (122, 30),
        "nationality": (152, 6), "name": (158, 30), "valid_from": (188, 16),
        "valid_until": (204, 16), "birth": (220, 16), "card_version": (236, 4),
        "authority": (240, 8),
    },
    FOREIGN_2023: {
        "name": (0, 30), "sex": (30, 2), "issue_count": (32, 4), "birth": (36, 16),
        "english_name": (52, 70), "id_number": (122, 36), "valid_from": (188, 16),
        "valid_until": (204, 16), "english_name_2": (220, 22), "nationality": (242, 6),
        "previous_link": (250, 6),
    },
}
del _RESIDENT


@dataclass(frozen=True, repr=False)
class RecordFields:
    """A record's fields as stored on the chip (what :func:`encode` writes)."""

    card_type: str
    name: str = ""
    sex: str = "1"
    birth: str = ""                 # YYYYMMDD
    id_number: str = ""
    valid_from: str = ""            # YYYYMMDD
    valid_until: str = ""           # YYYYMMDD or 长期
    authority: str = ""
    ethnicity: str = ""             # "01".."56"
    address: str = ""
    permit_number: str = ""
    issue_count: str = ""
    english_name: str = ""          # whole name; the encoder splits it on a 2023 card
    nationality: str = ""           # alpha-3 (2017) or numeric (2023)
    card_version: str = ""
    previous_link: str = ""

    def __repr__(self) -> str:
        return f"RecordFields({self.card_type})"


def field_text(record: bytes, offset: int, length: int, *, unpad: bool = True) -> str:
    """One field decoded (and unpadded). Raises UnicodeDecodeError on broken UTF-16."""
    text = record[offset:offset + length].decode("utf-16-le")
    return text.rstrip(" \x00") if unpad else text


def kind_of(record: bytes) -> str | None:
    return KIND_OF_FLAG.get(record[TYPE_OFFSET:TYPE_OFFSET + 2].decode("utf-16-le", "replace"))


def _put(buf: bytearray, offset: int, length: int, text: str, name: str) -> None:
    data = text.encode("utf-16-le")
    if len(data) > length:
        raise ValueError(f"field {name} is longer than {length // 2} characters")
    buf[offset:offset + length] = data + " ".encode("utf-16-le") * ((length - len(data)) // 2)


def encode(fields: RecordFields) -> bytes:
    """The 256-byte text record for ``fields``. ValueError when a field does not fit."""
    layout = LAYOUTS[fields.card_type]
    buf = bytearray(" ".encode("utf-16-le") * (RECORD_SIZE // 2))
    for name, (offset, length) in layout.items():
        if name in ("english_name", "english_name_2"):
            continue
        _put(buf, offset, length, getattr(fields, name), name)
    english = fields.english_name
    if fields.card_type == FOREIGN_2017:
        _put(buf, *layout["english_name"], english, "english_name")
    elif fields.card_type == FOREIGN_2023:
        first = layout["english_name"][1] // 2
        _put(buf, *layout["english_name"], english[:first], "english_name")
        _put(buf, *layout["english_name_2"], english[first:], "english_name")
    _put(buf, TYPE_OFFSET, 2, TYPE_FLAGS[fields.card_type], "type")
    return bytes(buf)
