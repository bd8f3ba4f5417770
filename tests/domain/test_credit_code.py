from counter_app.domain import credit_code


def test_published_codes_pass():
    # the standard's worked example and a published licence
    for code in ("91350100M000100Y43", "91110000600037341L"):
        assert credit_code.problem(code) == "", code


def test_wrong_codes_are_named():
    assert credit_code.problem("91350100M000100Y4") == credit_code.WRONG_LENGTH
    assert credit_code.problem("91350100M000100Y4I") == credit_code.BAD_CHARACTERS
    assert credit_code.problem("91350100M000100Y44") == credit_code.BAD_CHECK
