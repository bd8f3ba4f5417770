"""Pinyin search keys for item names: full pinyin and initials, lower case, no spaces.

Computed once at catalog import and stored, so startup and search never run pypinyin.
Polyphonic characters follow pypinyin's phrase dictionary (银行 → yinhang, 行政 → xingzheng).
"""

from __future__ import annotations

from pypinyin import lazy_pinyin


def _clean(syllables: list[str]) -> list[str]:
    return [s.lower() for s in syllables if s and s.strip()]


def keys_for(text: str) -> tuple[str, str]:
    """(full pinyin, initials) of a name. Latin letters and digits are kept as they are."""
    full = _clean(lazy_pinyin(text, errors=lambda chars: list(chars)))
    full = [s for s in full if s.isalnum()]
    initials = "".join(s[0] for s in full)
    return "".join(full), initials


def item_keys(name: str, aliases: tuple[str, ...] | list[str]) -> list[list[str]]:
    """[[full, initials], ...] for the name and each alias, in that order."""
    return [list(keys_for(n)) for n in (name, *aliases)]
