import pytest

from counter_app.domain import supervisor
from counter_app.domain.supervisor import FIRST_LOCK, LONGEST_LOCK, MAX_FAILURES, Attempts


def test_pin_is_checked_and_never_stored():
    stored = supervisor.hash_pin("246813", iterations=1000)
    assert "246813" not in stored
    assert supervisor.pin_matches(stored, "246813")
    assert not supervisor.pin_matches(stored, "246814")
    assert not supervisor.pin_matches("garbage", "246813")


@pytest.mark.parametrize("pin,problem", [
    ("1234", "supervisor.pin_too_short"), ("12345", "supervisor.pin_too_short"), ("12345a", "supervisor.pin_too_short"),
    ("１２３４５６", "supervisor.pin_too_short"), ("111111", "supervisor.pin_too_simple"),
    ("123456", "supervisor.pin_too_simple"), ("987654", "supervisor.pin_too_simple"), ("246813", None),
    ("0123456789", "supervisor.pin_too_simple"), ("20261202", None),
])
def test_a_pin_has_six_digits_and_is_not_a_run(pin, problem):
    assert supervisor.pin_problem(pin) == problem
    if problem:
        with pytest.raises(ValueError):
            supervisor.hash_pin(pin, iterations=1000)


def test_wrong_tries_lock_the_name_and_each_lock_is_longer():
    a, now = Attempts(), 1_000_000.0
    for _ in range(MAX_FAILURES - 1):
        a = a.after_failure(now)
        assert not a.locked(now)
    a = a.after_failure(now)
    assert a.locked(now) and a.locked(now + FIRST_LOCK - 1) and not a.locked(now + FIRST_LOCK)
    later = now + FIRST_LOCK
    for _ in range(MAX_FAILURES):
        a = a.after_failure(later)
    assert a.locked(later + 2 * FIRST_LOCK - 1) and not a.locked(later + 2 * FIRST_LOCK)
    for _ in range(20 * MAX_FAILURES):
        a = a.after_failure(later)
    assert a.locked_until - later == LONGEST_LOCK
    assert a.after_success() == Attempts()


def test_guessing_a_pin_takes_years_at_the_window():
    tries_per_day = MAX_FAILURES * 86400 / LONGEST_LOCK        # once the locks have grown to their longest
    assert 10 ** supervisor.MIN_PIN_DIGITS / 2 / tries_per_day / 365 > 100
