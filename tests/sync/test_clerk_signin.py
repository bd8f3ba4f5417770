"""Clerk sign-in at the window: online against the server, then offline against the cached verifier."""

import datetime as dt
import stat

import pytest

from counter_app.central import admin
from counter_app.errors import UserError
from counter_app.sync.clerk_signin import FILE, sign_in


def test_online_then_offline_sign_in_with_the_same_password_only(station, live, db):
    admin.add_clerk(db, "zhang", hall="330402001", role="clerk", password="s3cret-pass", name="张敏")
    w1 = station("W01")
    clerk = sign_in(w1.path, "zhang", "s3cret-pass")
    assert (clerk.name, clerk.role, clerk.online) == ("张敏", "clerk", True)
    cached = (w1.path / FILE)
    assert "s3cret-pass" not in cached.read_text(encoding="utf-8")
    assert stat.S_IMODE(cached.stat().st_mode) == 0o600
    with pytest.raises(UserError) as wrong:
        sign_in(w1.path, "zhang", "wrong-pass")
    assert wrong.value.key == "signin.refused"

    live.stop()                                              # the township link is down
    offline = sign_in(w1.path, "zhang", "s3cret-pass")
    assert (offline.name, offline.online) == ("张敏", False)
    with pytest.raises(UserError) as bad:
        sign_in(w1.path, "zhang", "s3cret-pasS")
    assert bad.value.key == "signin.refused"
    with pytest.raises(UserError) as unknown:
        sign_in(w1.path, "li", "whatever-pass")
    assert unknown.value.key == "signin.offline_unknown"
    later = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=15)
    with pytest.raises(UserError) as expired:
        sign_in(w1.path, "zhang", "s3cret-pass", now=later)
    assert expired.value.key == "signin.offline_expired"
