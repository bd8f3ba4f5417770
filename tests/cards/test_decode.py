"""Decoding the four card kinds: what the clerk would see filled in, or why nothing was."""

import datetime as dt
import json

import pytest

from counter_app.cards import codes
from counter_app.cards.decode import decode_hex, decode_record
from counter_app.cards.layout import RECORD_SIZE, encode
from counter_app.cards.samples import sample, variant, with_check
from counter_app.errors import UserError
from counter_app.i18n import Translator

TODAY = dt.date(2026, 11, 28)


def decoded(key, **changes):
    s = variant(sample(key, TODAY), **changes) if changes else sample(key, TODAY)
    return decode_record(s.text, s.photo, today=TODAY)


def failure(key, **changes) -> str:
    s = variant(sample(key, TODAY), **changes)
    with pytest.raises(UserError) as info:
        decode_record(s.text, s.photo, today=TODAY)
    return info.value.key


def test_resident_card_shows_names_not_codes():
    card = decoded("resident")
    j = card.to_json()
    assert j["card_type"] == "resident"
    assert (j["name"], j["sex"], j["ethnicity"]) == ("李秀英", "女", "汉")
    assert j["birth_date"] == "1949-12-31"
    assert j["id_number"] == "11010519491231002X"
    assert j["valid_until"] is None            # 长期
    assert j["nationality"] is None and j["english_name"] is None and j["permit_number"] is None
    assert j["warnings"] == []
    assert card.photo == sample("resident").photo


def test_json_has_exactly_the_documented_keys():
    keys = ["card_type", "name", "english_name", "sex", "ethnicity", "nationality", "birth_date",
            "address", "id_number", "permit_number", "issue_count", "authority", "valid_from",
            "valid_until", "warnings"]
    for kind in ("resident", "hkmo_tw_permit", "foreign_2017", "foreign_2023"):
        assert list(decoded(kind).to_json()) == keys


def test_residence_permit_carries_permit_number_and_issue_count():
    j = decoded("hkmo_tw_permit").to_json()
    assert j["card_type"] == "hkmo_tw_permit"
    assert (j["permit_number"], j["issue_count"]) == ("H60123456", "01")
    assert j["ethnicity"] is None
    assert j["id_number"].startswith("810000")


def test_foreign_2017_card():
    j = decoded("foreign_2017").to_json()
    assert j["card_type"] == "foreign_2017"
    assert (j["english_name"], j["name"], j["nationality"]) == ("SMITH, JOHN ROBERT", "约翰·史密斯", "美国")
    assert j["id_number"] == "USA110085010112"
    assert j["birth_date"] == "1985-01-01"
    assert j["address"] is None


def test_foreign_2023_card_joins_the_english_name_across_both_fields():
    j = decoded("foreign_2023").to_json()
    assert j["card_type"] == "foreign_2023"
    assert j["english_name"] == "GARCIA RODRIGUEZ, MARIA ELENA DE LOS ANGELES"   # > 35 characters
    assert j["nationality"] == "西班牙"                                           # numeric 724
    assert j["issue_count"] == "00"


def test_english_name_with_a_space_at_the_seam_survives():
    name = "A" * 34 + " " + "BCDEF"          # the space is the 35th character: end of field 1
    card = decoded("foreign_2023", english_name=name)
    assert card.english_name == name


def test_old_vendor_ethnicity_codes_get_todays_names():
    assert decoded("resident", ethnicity="36").ethnicity == "毛南"
    assert decoded("resident", ethnicity="46").ethnicity == "德昂"
    assert len([c for c in codes.ETHNICITY if c.isdigit() and int(c) <= 56]) == 56


def test_expired_card_reads_but_is_flagged():
    card = decoded("expired")
    assert card.expired
    assert card.to_json()["warnings"] == ["expired"]
    assert card.name == "陈志强"


def test_unknown_nationality_falls_back_to_the_code():
    card = decoded("foreign_2017", nationality="ZZZ", id_number="ZZZ110085010112")
    assert card.nationality == "ZZZ"
    assert card.to_json()["warnings"] == ["unknown_nationality"]


@pytest.mark.parametrize("kind, changes, key", [
    ("resident", {"id_number": "110105194912310021"}, "cards.id_check_digit"),
    ("resident", {"id_number": "11010519491231002"}, "cards.id_malformed"),
    ("resident", {"id_number": "1101051949123100\u00b9X"}, "cards.id_malformed"),   # "¹" isdigit()
    ("resident", {"birth": "19491230"}, "cards.id_mismatch"),
    ("resident", {"sex": "1"}, "cards.id_mismatch"),                  # sequence 002 is even
    ("resident", {"sex": "5"}, "cards.bad_sex"),
    ("resident", {"ethnicity": "57"}, "cards.bad_ethnicity"),
    ("resident", {"birth": "19490231", "id_number": with_check("11010519490231002")},
     "cards.bad_date.birth"),                                         # 31 February
    ("resident", {"valid_from": "20261399"}, "cards.bad_date.valid_from"),
    ("resident", {"valid_from": "19400101"}, "cards.bad_date.valid_from"),   # before birth
    ("resident", {"valid_until": "20100101"}, "cards.bad_date.valid_until"),  # before issue
    ("resident", {"valid_until": "永久"}, "cards.bad_date.valid_until"),
    ("resident", {"name": ""}, "cards.incomplete"),
    ("resident", {"name": "李\x01英"}, "cards.bad_text"),
    ("hkmo_tw_permit", {"id_number": "11010519491231002X", "birth": "19491231", "sex": "2"},
     "cards.bad_permit_region"),
    ("foreign_2017", {"id_number": "US1110085010112"}, "cards.bad_card_number"),
    ("foreign_2017", {"nationality": "U5A"}, "cards.bad_nationality"),
    ("foreign_2023", {"id_number": "911724199003120013"}, "cards.id_check_digit"),
    ("foreign_2023", {"id_number": with_check("81172419900312001")}, "cards.bad_card_number"),
    ("foreign_2023", {"nationality": "ESP"}, "cards.bad_nationality"),
])
def test_a_bad_record_fills_nothing_and_says_why(kind, changes, key):
    assert failure(kind, **changes) == key


def test_future_birth_date_is_impossible():
    n = with_check("11010520990101002")
    assert failure("resident", birth="20990101", id_number=n) in ("cards.bad_date.birth", "cards.id_malformed")


def test_size_and_type_are_checked_first():
    text = sample("resident").text
    for broken, key in [(text[:200], "cards.bad_length"), (text + b"\0\0", "cards.bad_length"),
                        (text[:248] + "Q".encode("utf-16-le") + text[250:], "cards.unknown_type"),
                        (b"\xff" * RECORD_SIZE, "cards.unknown_type")]:
        with pytest.raises(UserError) as info:
            decode_record(broken, today=TODAY)
        assert info.value.key == key
    with pytest.raises(UserError) as info:
        decode_record(text, b"\0" * 500, today=TODAY)
    assert info.value.key == "cards.bad_photo_length"


def test_hex_input_tolerates_spaces_and_newlines():
    hexed = sample("resident").text.hex(" ", 16).replace(" 0", "\n0")
    assert decode_hex(hexed, today=TODAY).name == "李秀英"
    with pytest.raises(UserError) as info:
        decode_hex("not hex at all")
    assert info.value.key == "cards.not_hex"


def test_messages_exist_in_both_languages_and_name_no_personal_data():
    zh, en = Translator("zh_CN"), Translator("en")
    for kind, changes, key in [("resident", {"id_number": "110105194912310021"}, "cards.id_check_digit"),
                               ("resident", {"valid_until": "20100101"}, "cards.bad_date.valid_until")]:
        s = variant(sample(kind, TODAY), **changes)
        with pytest.raises(UserError) as info:
            decode_record(s.text, today=TODAY)
        for tr in (zh, en):
            assert tr.has(info.value.key)
            text = tr.error(info.value)
            assert "李秀英" not in text and "110105" not in text
        assert "未填入" in zh.error(info.value)


def test_repr_never_shows_personal_data():
    card = decoded("resident")
    shown = repr(card) + repr(sample("resident")) + str([card])
    for secret in ("李秀英", "11010519491231002X", "建国路", "19491231"):
        assert secret not in shown
    assert "110105**********2X" in shown


def test_encoder_refuses_a_field_that_does_not_fit():
    with pytest.raises(ValueError):
        encode(variant(sample("resident"), name="很" * 16).fields)
