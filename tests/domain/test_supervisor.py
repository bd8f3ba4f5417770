from counter_app.domain import supervisor


def test_pin_is_checked_and_never_stored():
    entry = supervisor.make_entry("王科长", "2468", iterations=1000)
    assert "2468" not in entry
    assert supervisor.verify([entry], "王科长", "2468")
    assert not supervisor.verify([entry], "王科长", "1357")
    assert not supervisor.verify([entry], "李科长", "2468")
    assert not supervisor.verify([], "王科长", "2468")
    assert supervisor.names([entry]) == ["王科长"]
