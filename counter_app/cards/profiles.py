"""PC/SC reader profiles: how a reader model with an embedded security module hands out the
card record, as a TOML file. Adding a model needs a file, not code::

    # resources/readers/<model>.toml
    name = "Example SAM reader"
    match = "Example IDR"          # regular expression searched in the PC/SC reader name
    [[steps]]                      # command APDUs sent in order after connecting
    apdu = "00A4040007F0494443415244"
    expect_sw = "9000"             # optional; a string or a list; X = any hex digit ("61XX")
    [[steps]]
    apdu = "80B0000000"
    store = "text"                 # response data appended to the 256-byte text record
    [[steps]]
    apdu = "80B0010000"
    store = "photo"                # response data appended to the photo

A step without ``expect_sw`` accepts ``9000`` only. Folders given by the station setting
``reader_profile_dirs`` or ``--reader-profiles DIR`` come before the built-in folder
``resources/readers``, so a station can override a shipped profile; the first match wins.
A broken file is an error naming the file, never silently skipped.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from counter_app.errors import NEEDS_USER, UserError
from counter_app.paths import resource

BUILTIN_DIR = resource("readers")
STORES = ("text", "photo")


@dataclass(frozen=True)
class Step:
    apdu: bytes
    expect_sw: tuple[str, ...] = ("9000",)   # upper-case hex patterns, X = any digit
    store: str | None = None

    def accepts(self, sw1: int, sw2: int) -> bool:
        sw = f"{sw1:02X}{sw2:02X}"
        return any(all(p in ("X", c) for p, c in zip(pattern, sw)) for pattern in self.expect_sw)


@dataclass(frozen=True)
class Profile:
    name: str
    match: re.Pattern
    steps: tuple[Step, ...]
    path: str

    def matches(self, reader: str) -> bool:
        return self.match.search(reader) is not None


def _bad(path: Path, detail: str) -> UserError:
    return UserError("cards.profile_invalid", kind=NEEDS_USER, path=str(path), detail=detail)


def _step(path: Path, i: int, raw) -> Step:
    if not isinstance(raw, dict):
        raise _bad(path, f"steps[{i}] is not a table")
    unknown = set(raw) - {"apdu", "expect_sw", "store"}
    if unknown:
        raise _bad(path, f"steps[{i}]: unknown key {sorted(unknown)[0]}")
    try:
        apdu = bytes.fromhex(str(raw.get("apdu", "")))
    except ValueError:
        raise _bad(path, f"steps[{i}].apdu is not hex") from None
    if len(apdu) < 4:
        raise _bad(path, f"steps[{i}].apdu must be at least 4 bytes")
    sws = raw.get("expect_sw", "9000")
    sws = [sws] if isinstance(sws, str) else sws
    if not isinstance(sws, list) or not sws or not all(
            isinstance(s, str) and re.fullmatch(r"[0-9A-Fa-fXx]{4}", s) for s in sws):
        raise _bad(path, f"steps[{i}].expect_sw must be 4 hex digits (X = any)")
    store = raw.get("store")
    if store is not None and store not in STORES:
        raise _bad(path, f"steps[{i}].store must be text or photo")
    return Step(apdu, tuple(s.upper() for s in sws), store)


def load_profile(path: Path) -> Profile:
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise _bad(path, type(exc).__name__) from None
    except tomllib.TOMLDecodeError as exc:
        raise _bad(path, str(exc)) from None
    name, match, steps = raw.get("name"), raw.get("match"), raw.get("steps")
    if not isinstance(name, str) or not name:
        raise _bad(path, "name is missing")
    if not isinstance(match, str) or not match:
        raise _bad(path, "match is missing")
    try:
        pattern = re.compile(match)
    except re.error as exc:
        raise _bad(path, f"match: {exc}") from None
    if not isinstance(steps, list) or not steps:
        raise _bad(path, "no [[steps]]")
    parsed = tuple(_step(path, i, s) for i, s in enumerate(steps))
    if not any(s.store == "text" for s in parsed):
        raise _bad(path, "no step stores the text record")
    return Profile(name, pattern, parsed, str(path))


def load_profiles(extra_dirs: Iterable[str | Path] = (), *, builtin: bool = True) -> tuple[Profile, ...]:
    dirs = [Path(d) for d in extra_dirs]
    for d in dirs:
        if not d.is_dir():
            raise UserError("cards.profile_dir_missing", kind=NEEDS_USER, path=str(d))
    if builtin and BUILTIN_DIR.is_dir():
        dirs.append(BUILTIN_DIR)
    return tuple(load_profile(p) for d in dirs for p in sorted(d.glob("*.toml")))


def profile_for(reader: str, profiles: Iterable[Profile]) -> Profile | None:
    return next((p for p in profiles if p.matches(reader)), None)
