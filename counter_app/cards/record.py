"""What a card read yields: :class:`CardData` (decoded and checked) and :class:`CardRead`
(the outcome of one read attempt, ok or failed with a message key).

Both are frozen and cross threads as they are. Their ``repr`` never shows personal data
(ID number masked, no name, no address, no photo), so logging one by accident leaks nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from counter_app.domain.id_number import mask
from counter_app.errors import UserError

RESIDENT = "resident"              # 居民身份证
HKMO_TW_PERMIT = "hkmo_tw_permit"  # 港澳台居民居住证 (type flag J)
FOREIGN_2017 = "foreign_2017"      # 外国人永久居留身份证 2017 (I)
FOREIGN_2023 = "foreign_2023"      # 外国人永久居留身份证 2023 (Y)
CARD_TYPES = (RESIDENT, HKMO_TW_PERMIT, FOREIGN_2017, FOREIGN_2023)

# Warnings: the card reads fine but the clerk should know. Text key: "cards.warning.<code>".
EXPIRED = "expired"
UNKNOWN_NATIONALITY = "unknown_nationality"

JSON_FIELDS = ("card_type", "name", "english_name", "sex", "ethnicity", "nationality",
               "birth_date", "address", "id_number", "permit_number", "issue_count",
               "authority", "valid_from", "valid_until", "warnings")


@dataclass(frozen=True, repr=False)
class CardData:
    card_type: str
    name: str                          # Chinese name ("" on a 2017 foreign card without one)
    sex: str                           # 男 / 女 / 未知的性别 / 未说明的性别
    sex_code: str
    birth_date: dt.date
    id_number: str                     # citizen ID number, or the foreign card's number
    valid_from: dt.date
    valid_until: dt.date | None        # None = 长期 (no expiry)
    authority: str | None = None       # issuing authority (a code on the 2017 foreign card)
    english_name: str | None = None
    ethnicity: str | None = None       # 汉, 蒙古, ... (resident card only)
    ethnicity_code: str | None = None
    nationality: str | None = None     # 美国, ... (foreign cards only)
    nationality_code: str | None = None
    address: str | None = None
    permit_number: str | None = None   # 通行证号码 on the J permit
    issue_count: str | None = None     # 签发次数 (J) / 换证次数 (Y)
    card_version: str | None = None    # 2017 foreign card
    previous_link: str | None = None   # 2023 foreign card: link to the previous card
    warnings: tuple[str, ...] = ()
    photo: bytes = field(default=b"", compare=False)   # raw 1024-byte WLT, may be empty

    @property
    def expired(self) -> bool:
        return EXPIRED in self.warnings

    @property
    def masked_id(self) -> str:
        return mask(self.id_number)

    def __repr__(self) -> str:
        return f"CardData({self.card_type}, {self.masked_id}, expired={self.expired})"

    def to_json(self) -> dict[str, Any]:
        """The ``counter-app card decode`` shape: names of codes, ISO dates, null when absent."""
        out: dict[str, Any] = {}
        for key in JSON_FIELDS:
            value = getattr(self, key)
            if isinstance(value, dt.date):
                value = value.isoformat()
            elif isinstance(value, tuple):
                value = list(value)
            out[key] = value
        if self.card_type == FOREIGN_2017 and not out["name"]:
            out["name"] = None
        return out


@dataclass(frozen=True, repr=False)
class CardRead:
    """One read attempt. ``card`` when it worked, else a message key (all-or-nothing)."""

    reader: str
    card: CardData | None = None
    error_key: str = ""
    error_kind: str = ""
    error_params: tuple[tuple[str, str], ...] = ()

    @property
    def ok(self) -> bool:
        return self.card is not None

    @classmethod
    def failed(cls, reader: str, exc: UserError) -> CardRead:
        params = tuple((k, str(v)) for k, v in exc.params.items())
        return cls(reader=reader, error_key=exc.key, error_kind=exc.kind, error_params=params)

    def error(self) -> UserError:
        return UserError(self.error_key, kind=self.error_kind or "needs_user", **dict(self.error_params))

    def message(self, tr) -> str:
        return tr(self.error_key, **dict(self.error_params))

    def __repr__(self) -> str:
        what = repr(self.card) if self.card else self.error_key
        return f"CardRead({self.reader!r}, {what})"
