import datetime as dt

from counter_app.domain import id_number


def test_known_good_numbers_pass():
    for n in ("11010519491231002X", "440524188001010014"):
        assert id_number.check(n).valid, n


def test_lower_case_x_and_spaces_are_accepted():
    c = id_number.check(" 11010519491231002x ")
    assert c.valid and c.number == "11010519491231002X"


def test_problems_are_named():
    assert id_number.check("1101051949123100").problem == id_number.WRONG_LENGTH
    assert id_number.check("11010519491231002Y").problem == id_number.BAD_CHARACTERS
    assert id_number.check("110105194913310020").problem == id_number.BAD_BIRTH_DATE
    assert id_number.check("110105194912310021").problem == id_number.BAD_CHECK_DIGIT


def test_future_birth_date_is_rejected():
    n17 = "11010520991231002"
    n = n17 + id_number.check_char(n17)
    assert id_number.check(n, today=dt.date(2026, 11, 28)).problem == id_number.BAD_BIRTH_DATE


def test_birth_and_sex_come_from_the_number():
    c = id_number.check("11010519491231002X")
    assert c.birth_date == dt.date(1949, 12, 31)
    assert c.sex == "女"


def test_mask_hides_birth_date_and_sequence():
    assert id_number.mask("11010519491231002X") == "110105**********2X"
    assert "19491231" not in id_number.mask("11010519491231002X")


def test_full_width_digits_are_taken_and_other_digits_refused_not_crashed_on():
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in "11010519491231002X")
    assert id_number.check(full_width).valid
    for n in ("1101051949123100٢X", "١١٠١٠٥١٩٤٩١٢٣١٠٠٢X"):
        assert id_number.check(n).problem == id_number.BAD_CHARACTERS
