"""Property-based decoding: encode → decode round-trips; any bytes give a card or a clean error."""

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counter_app.cards import codes
from counter_app.cards.decode import decode_record
from counter_app.cards.layout import RECORD_SIZE, RecordFields, encode
from counter_app.cards.record import FOREIGN_2017, FOREIGN_2023, HKMO_TW_PERMIT, RESIDENT
from counter_app.cards.samples import sample, with_check
from counter_app.errors import UserError

TODAY = dt.date(2026, 11, 28)
CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
LATIN = st.characters(min_codepoint=ord("A"), max_codepoint=ord("Z")) | st.sampled_from(" ,-'")


def text(alphabet, lo, hi):
    return st.text(alphabet, min_size=lo, max_size=hi).map(str.strip).filter(bool)


def digits(draw, n: int) -> str:
    return f"{draw(st.integers(0, 10 ** n - 1)):0{n}d}"


@st.composite
def dates(draw):
    birth = draw(st.dates(dt.date(1900, 1, 1), dt.date(2020, 12, 31)))
    issued = draw(st.dates(max(birth, dt.date(2000, 1, 1)), TODAY))
    until = draw(st.none() | st.dates(issued + dt.timedelta(days=1), dt.date(2060, 12, 31)))
    ymd = lambda d: d.strftime("%Y%m%d")   # noqa: E731
    return birth, ymd(birth), ymd(issued), "长期" if until is None else ymd(until)


@st.composite
def records(draw):
    kind = draw(st.sampled_from([RESIDENT, HKMO_TW_PERMIT, FOREIGN_2017, FOREIGN_2023]))
    birth, b, valid_from, valid_until = draw(dates())
    sex = draw(st.sampled_from(["1", "2"]))
    seq = draw(st.integers(0, 499)) * 2 + (1 if sex == "1" else 0)
    common = dict(card_type=kind, sex=sex, birth=b, valid_from=valid_from, valid_until=valid_until)
    if kind in (RESIDENT, HKMO_TW_PERMIT):
        region = draw(st.sampled_from(["110105", "330402", "440524"] if kind == RESIDENT
                                      else ["810000", "820000", "830000"]))
        extra = dict(name=draw(text(CJK, 1, 15)), address=draw(text(CJK | st.just("号"), 1, 35)),
                     authority=draw(text(CJK, 1, 15)), id_number=with_check(f"{region}{b}{seq:03d}"))
        if kind == RESIDENT:
            extra["ethnicity"] = draw(st.sampled_from(sorted(codes.ETHNICITY)))
        else:
            extra["permit_number"] = draw(st.sampled_from("HM")) + digits(draw, 8)
            extra["issue_count"] = digits(draw, 2)
    elif kind == FOREIGN_2017:
        nat = draw(st.sampled_from(sorted(codes.NATIONALITY_ALPHA3)))
        extra = dict(english_name=draw(text(LATIN, 1, 60)), name=draw(st.just("") | text(CJK, 1, 15)),
                     nationality=nat, id_number=nat + digits(draw, 12),
                     card_version=digits(draw, 2),
                     authority=digits(draw, 4))
    else:
        nat = draw(st.sampled_from(sorted(codes.NATIONALITY_NUMERIC)))
        extra = dict(english_name=draw(text(LATIN, 1, 46)), name=draw(text(CJK, 1, 15)),
                     nationality=nat, issue_count=digits(draw, 2),
                     id_number=with_check(f"911{nat}{b}{seq:03d}"))
    return RecordFields(**common, **extra), birth


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records())
def test_encode_then_decode_gives_the_same_card(case):
    fields, birth = case
    card = decode_record(encode(fields), today=TODAY)
    assert card.card_type == fields.card_type
    assert card.id_number == fields.id_number
    assert card.birth_date == birth
    assert card.sex == ("男" if fields.sex == "1" else "女")
    assert card.name == fields.name
    assert (card.english_name or "") == fields.english_name
    assert (card.address or "") == fields.address
    assert (card.valid_until is None) == (fields.valid_until == "长期")
    if fields.card_type == RESIDENT:
        assert card.ethnicity == codes.ETHNICITY[fields.ethnicity]
    if fields.card_type in (FOREIGN_2017, FOREIGN_2023):
        assert card.nationality and card.nationality != fields.nationality   # a name, not the code
    if fields.card_type == HKMO_TW_PERMIT:
        assert card.permit_number == fields.permit_number


def _decodes_or_fails_cleanly(data: bytes) -> None:
    try:
        card = decode_record(data, today=TODAY)
    except UserError as exc:
        assert exc.key.startswith("cards.")
    else:
        assert card.id_number and card.card_type


@settings(max_examples=300)
@given(st.binary(min_size=0, max_size=300))
def test_random_bytes_never_crash(data):
    _decodes_or_fails_cleanly(data)


@settings(max_examples=300)
@given(st.binary(min_size=RECORD_SIZE, max_size=RECORD_SIZE))
def test_random_records_of_the_right_size_never_crash(data):
    _decodes_or_fails_cleanly(data)


@settings(max_examples=300)
@given(st.sampled_from(["resident", "hkmo_tw_permit", "foreign_2017", "foreign_2023", "expired"]),
       st.lists(st.tuples(st.integers(0, RECORD_SIZE - 1), st.integers(0, 255)), min_size=1, max_size=8))
def test_corrupted_real_records_never_crash(key, flips):
    record = bytearray(sample(key, TODAY).text)
    for offset, value in flips:
        record[offset] = value
    _decodes_or_fails_cleanly(bytes(record))
