"""Sample cards for the simulator, the emulators, the benchmark and the tests.

All four kinds plus an expired resident card. The people are invented; their numbers carry
correct check digits. Validity dates are placed relative to today so the samples stay
valid (or expired) whenever they are used.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from counter_app.cards.layout import PHOTO_SIZE, RecordFields, encode
from counter_app.cards.record import FOREIGN_2017, FOREIGN_2023, HKMO_TW_PERMIT, RESIDENT
from counter_app.domain.id_number import check_char


@dataclass(frozen=True, repr=False)
class Sample:
    key: str            # stable id; its label is the translation "cards.sample.<key>"
    fields: RecordFields
    photo: bytes

    @property
    def text(self) -> bytes:
        return encode(self.fields)

    def __repr__(self) -> str:
        return f"Sample({self.key})"


def with_check(first17: str) -> str:
    return first17 + check_char(first17)


def fake_photo(seed: int = 0) -> bytes:
    """1024 bytes standing in for a WLT photo (no licensed decoder can read them)."""
    head = b"WLT" + bytes([seed & 0xFF])
    return (head + bytes((i * 7 + seed) & 0xFF for i in range(PHOTO_SIZE)))[:PHOTO_SIZE]


def _ymd(d: dt.date) -> str:
    return d.strftime("%Y%m%d")


def samples(today: dt.date | None = None) -> tuple[Sample, ...]:
    today = today or dt.date.today()
    issued = today.replace(day=1) - dt.timedelta(days=700)
    issued = issued.replace(day=min(issued.day, 28))
    until10 = issued.replace(year=issued.year + 10)
    expired_from = today.replace(year=today.year - 11, day=1)
    expired_until = expired_from.replace(year=expired_from.year + 10)
    resident = RecordFields(
        card_type=RESIDENT, name="李秀英", sex="2", ethnicity="01", birth="19491231",
        address="北京市朝阳区建国路88号院3号楼2单元1101号", id_number="11010519491231002X",
        authority="北京市公安局朝阳分局", valid_from=_ymd(issued), valid_until="长期")
    expired = RecordFields(
        card_type=RESIDENT, name="陈志强", sex="1", ethnicity="03", birth="19900512",
        address="浙江省嘉兴市南湖区广益路1317号", id_number=with_check("33040219900512031"),
        authority="嘉兴市公安局南湖分局", valid_from=_ymd(expired_from),
        valid_until=_ymd(expired_until))
    permit = RecordFields(
        card_type=HKMO_TW_PERMIT, name="黄家明", sex="1", birth="19920515",
        address="广东省深圳市福田区福华一路6号", id_number=with_check("81000019920515003"),
        authority="深圳市公安局", valid_from=_ymd(issued), valid_until=_ymd(issued.replace(year=issued.year + 5)),
        permit_number="H60123456", issue_count="01")
    foreign17 = RecordFields(
        card_type=FOREIGN_2017, english_name="SMITH, JOHN ROBERT", sex="1",
        id_number="USA110085010112", nationality="USA", name="约翰·史密斯",
        valid_from=_ymd(issued), valid_until=_ymd(until10), birth="19850101",
        card_version="17", authority="1100")
    foreign23 = RecordFields(
        card_type=FOREIGN_2023, name="玛丽亚·加西亚", sex="2", issue_count="00", birth="19900312",
        english_name="GARCIA RODRIGUEZ, MARIA ELENA DE LOS ANGELES",
        id_number=with_check("91172419900312001"), valid_from=_ymd(issued),
        valid_until=_ymd(until10), nationality="724")
    return (
        Sample("resident", resident, fake_photo(1)),
        Sample("hkmo_tw_permit", permit, fake_photo(2)),
        Sample("foreign_2017", foreign17, fake_photo(3)),
        Sample("foreign_2023", foreign23, fake_photo(4)),
        Sample("expired", expired, fake_photo(5)),
    )


def sample(key: str, today: dt.date | None = None) -> Sample:
    for s in samples(today):
        if s.key == key:
            return s
    raise KeyError(key)


def variant(base: Sample, **changes) -> Sample:
    """A sample with some fields changed (tests: a broken check digit, a bad date...)."""
    return replace(base, fields=replace(base.fields, **changes))
