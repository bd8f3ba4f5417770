"""One kind of searchable field (codes, names, aliases, full pinyin, initials): finding a token in
it and scoring each match. Combining tokens and fields and ranking is :mod:`counter_app.domain.search`.

All values of a kind are one long string, joined by a separator, so a token is found by a
C-speed scan (or one pass over the values when it is almost everywhere), and a position maps
to its value through a table built once. Short Latin tokens — the first keystrokes of every
search — match value starts only and are looked up in buckets built once, per prefix of one
and two characters, each ordered best match first.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from itertools import accumulate, chain, islice, repeat
from operator import sub

SEP = "\x00"
DENSE_HITS = 1.0    # occurrences per value above which one pass over the values beats scanning the hay
SHORT = 2           # Latin tokens this short match value starts only, through the prefix buckets
EXACT, PREFIX = 80.0, 30.0       # on top of the field's base weight
_start, _span = re.Match.start, re.Match.span


class Field:
    __slots__ = ("kind", "base", "hay", "values", "starts", "owners", "lengths", "single",
                 "inv", "tie", "at_value", "first", "prefixed")

    def __init__(self, kind: str, base: float, owners: list[int], values: list[str], tie: list[float]) -> None:
        """``owners[k]``: the entry of normalised text ``values[k]``, in entry order (an entry's
        values are next to each other); ``tie``: each entry's tie-break term."""
        self.kind, self.base = kind, base
        self.owners, self.values = owners, values
        self.lengths = lengths = list(map(len, values))
        self.hay = SEP + SEP.join(values) + SEP
        steps = [n + 1 for n in lengths]
        self.starts = list(accumulate(steps[:-1], initial=1)) if values else []
        # at_value[i]: the value at position i of hay (one table lookup per match, no bisect)
        self.at_value = [0] + list(chain.from_iterable(map(repeat, range(len(values)), steps)))
        self.single = owners == list(range(len(owners)))   # value index = entry
        self.first = None if self.single else self._first_values()
        # the parts of a score that do not depend on the query
        self.inv = [20.0 / n if n else 0.0 for n in lengths]
        self.tie = list(map(tie.__getitem__, owners))
        self.prefixed = self._prefix_buckets()

    def _first_values(self) -> list[int]:
        """first[o]: the first value index of entry ``o``; its values end at first[o + 1]."""
        last = self.owners[-1] if self.owners else -1
        return [bisect_left(self.owners, o) for o in range(last + 2)]

    def _prefix_buckets(self) -> dict[str, list[int]]:
        """Value indexes per Latin prefix of one and two characters, best prefix match first."""
        values, lengths, inv, tie = self.values, self.lengths, self.inv, self.tie
        if self.hay.isascii():
            latin: list[int] | range = range(len(values))
        else:
            latin = [k for k, v in enumerate(values) if v[:1].isascii()]
            if not latin:
                return {}
        buckets: dict[str, list[int]] = defaultdict(list)
        for t in range(1, SHORT + 1):
            # the query-independent order of prefix_score(k, t)
            rank = [(EXACT if n == t else PREFIX) + t * i + c for n, i, c in zip(lengths, inv, tie)]
            for k in sorted(latin, key=rank.__getitem__, reverse=True):
                if lengths[k] >= t:
                    buckets[values[k][:t]].append(k)
        return {p: ks for p, ks in buckets.items() if p.isascii()}

    # -- scores --------------------------------------------------------------------------------

    def prefix_score(self, k: int, tlen: int) -> float:
        return (self.base + (EXACT if tlen == self.lengths[k] else PREFIX)) + tlen * self.inv[k] + self.tie[k]

    def scores(self, found: dict[int, int], tlen: int) -> dict[int, float]:
        """Score per value of (value index → offset of the match)."""
        base, lengths, inv, tie = self.base, self.lengths, self.inv, self.tie
        exact, prefix = base + EXACT, base + PREFIX
        return {k: ((exact if tlen == lengths[k] else prefix) if off == 0
                    else base - (10.0 if off > 20 else off * 0.5)) + tlen * inv[k] + tie[k]
                for k, off in found.items()}

    def per_entry(self, by_value: dict[int, float]) -> dict[int, float]:
        """Best score per entry from scores per value."""
        if self.single:
            return by_value
        best: dict[int, float] = {}
        get, owners = best.get, self.owners
        for k, sc in by_value.items():
            o = owners[k]
            if sc > get(o, -1.0):
                best[o] = sc
        return best

    def values_of(self, entry: int) -> range:
        """The value indexes of one entry (an entry's values are next to each other)."""
        if self.single:
            return range(entry, entry + 1) if entry < len(self.owners) else range(0)
        first = self.first
        return range(first[entry], first[entry + 1]) if entry + 1 < len(first) else range(0)

    # -- finding -------------------------------------------------------------------------------

    def starting_with(self, token: str) -> list[int]:
        """Values that start with a short Latin token, best first (precomputed)."""
        return self.prefixed.get(token, [])

    def occurrences(self, token: str) -> dict[int, int]:
        """Value index → offset of the FIRST occurrence of ``token``, for each value holding it."""
        # Each occurrence costs about what one value costs in a pass over all values, so scan
        # the hay until the occurrences outnumber the values, then switch to that pass.
        cap = int(DENSE_HITS * len(self.values)) + 1
        ats = list(islice(map(_start, re.finditer(re.escape(token), self.hay)), cap))
        if len(ats) == cap:
            offsets = map(str.find, self.values, repeat(token))
            return {k: off for k, off in enumerate(offsets) if off >= 0}
        ats.reverse()              # so that in dict() the first occurrence in a value wins
        ks = list(map(self.at_value.__getitem__, ats))
        return dict(zip(ks, map(sub, ats, map(self.starts.__getitem__, ks))))

    def in_order(self, token: str) -> dict[int, int]:
        """Value index → spread of the first in-order match: the characters of ``token`` in
        order, gaps allowed. ``a[^SEP b]*+b…``: each character is the earliest next one, taken
        possessively, so the regex never backtracks and never runs into the next value."""
        parts = [re.escape(token[0])]
        for c in token[1:]:
            parts.append(f"[^{SEP}{re.escape(c)}]*+{re.escape(c)}")
        spans = list(map(_span, re.finditer("".join(parts), self.hay)))
        spans.reverse()
        return {self.at_value[a]: b - a for a, b in spans}


class PrefixMatches:
    """A short Latin token's matches before scoring: per field, the values that start with it
    (best first) and their entries. Scoring waits until the entries that count are known."""
    __slots__ = ("token", "buckets", "entries")

    def __init__(self, token: str, fields: list[Field]) -> None:
        self.token = token
        self.buckets = []
        for f in fields:
            ks = f.starting_with(token)
            if ks:
                self.buckets.append((f, ks, set(map(f.owners.__getitem__, ks))))
        self.entries: set[int] = set().union(*(owners for _, _, owners in self.buckets))

    def leaders(self, limit: int, allowed) -> set[int]:
        """The ``limit`` best entries of each field (``allowed``: None or a filter on entries):
        every other entry is outranked in its own best field by at least ``limit`` of them."""
        out: set[int] = set()
        for f, ks, _ in self.buckets:
            taken: set[int] = set()
            owners = f.owners
            for k in ks:
                o = owners[k]
                if o not in taken and (allowed is None or allowed(o)):
                    taken.add(o)
                    if len(taken) == limit:
                        break
            out |= taken
        return out

    def scores(self, entries) -> dict[int, tuple[float, str]]:
        """Best score and kind of field for each of ``entries`` that matches."""
        token, tlen = self.token, len(self.token)
        best: dict[int, tuple[float, str]] = {}
        for f, _, owners in self.buckets:
            values = f.values
            for o in owners.intersection(entries):
                for k in f.values_of(o):
                    if values[k].startswith(token):
                        sc = f.prefix_score(k, tlen)
                        if o not in best or sc > best[o][0]:
                            best[o] = (sc, f.kind)
        return best
