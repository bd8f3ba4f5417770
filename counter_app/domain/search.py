"""Item search: name, alias, code, full pinyin and pinyin initials, ranked.

Each kind of field is one long string (values joined by a separator), so finding a token is
a C-speed ``str.find`` loop; a hit is mapped to its item with ``bisect``. Ranking, best first:
exact over prefix over substring, code and name over alias over pinyin, a match that covers
more of the value, items this window took often, shorter names, then catalog order.
Every space-separated token must match somewhere. Latin input that is not a contiguous
run of initials still finds items whose initials contain it in order (``gtsl`` → 个体…设立…).
"""

from __future__ import annotations

import heapq
import math
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

SEP = "\x00"
# field kinds and their base weight
CODE, NAME, ALIAS, INITIALS, FULL = "code", "name", "alias", "initials", "full"
BASE = {CODE: 100.0, NAME: 92.0, ALIAS: 86.0, INITIALS: 80.0, FULL: 76.0}
SUBSEQ_BASE = 40.0
SUBSEQ_WHEN_FEWER = 20
DENSE_HITS = 400             # above this many hits in a field, scan its values instead of find()       # look for out-of-order initials only when direct matches are few


@dataclass(frozen=True)
class SearchEntry:
    code: str
    name: str
    department: str
    aliases: tuple[str, ...] = ()
    keys: tuple[tuple[str, str], ...] = ()   # (full pinyin, initials) for name and each alias
    kind: str = "item"                       # "item" or "bundle" (一件事)


@dataclass(frozen=True)
class Hit:
    code: str
    name: str
    department: str
    score: float
    field: str
    kind: str = "item"


def normalize(text: str) -> str:
    """Full-width to half-width, lower case, brackets unified."""
    return unicodedata.normalize("NFKC", text).lower().strip()


class _Field:
    __slots__ = ("kind", "hay", "starts", "owners", "lengths", "values")

    def __init__(self, kind: str, values: list[tuple[int, str]]) -> None:
        self.kind = kind
        parts, starts, owners, lengths = [], [], [], []
        pos = 1
        for owner, value in values:
            starts.append(pos)
            owners.append(owner)
            lengths.append(len(value))
            parts.append(value)
            pos += len(value) + 1
        self.hay = SEP + SEP.join(parts) + SEP
        self.values = parts
        self.starts = starts
        self.owners = owners
        self.lengths = lengths

    def locate(self, at: int) -> tuple[int, int, int]:
        """(owner item, offset inside the value, value length) of a hit at ``at``."""
        i = bisect_right(self.starts, at) - 1
        return self.owners[i], at - self.starts[i], self.lengths[i]


class SearchIndex:
    def __init__(self, entries: list[SearchEntry], usage: dict[str, int] | None = None) -> None:
        self.entries = entries
        # usage counts are per item: a bundle that shares a code must not take an item's boost
        self._order: dict[str, int] = {}
        for n, e in enumerate(entries):
            if e.kind == "item":
                self._order.setdefault(e.code, n)
        fields: dict[str, list[tuple[int, str]]] = {k: [] for k in BASE}
        for n, e in enumerate(entries):
            fields[CODE].append((n, normalize(e.code)))
            fields[NAME].append((n, normalize(e.name)))
            for a in e.aliases:
                fields[ALIAS].append((n, normalize(a)))
            for full, initials in e.keys:
                fields[FULL].append((n, full))
                fields[INITIALS].append((n, initials))
        self._fields = [_Field(k, v) for k, v in fields.items()]
        self._initials = next(f for f in self._fields if f.kind == INITIALS)
        # ties: the shorter name, then catalog order; small enough never to outweigh a real difference
        self._tie = [-(len(e.name) * 1e-4 + n * 1e-9) for n, e in enumerate(entries)]
        self._boost: dict[int, float] = {}
        self.set_usage(usage or {})

    def set_usage(self, usage: dict[str, int]) -> None:
        """Items this window took often rank up (logarithmic, capped)."""
        self._boost = {}
        for code, count in usage.items():
            n = self._order.get(code)
            if n is not None and count > 0:
                self._boost[n] = min(40.0, 8.0 * math.log2(1 + count))

    def _field_scores(self, f: _Field, token: str, prefix_only: bool) -> dict[int, float]:
        """Score of each value of ``f`` that holds ``token`` (first occurrence), by value index."""
        tlen, base = len(token), BASE[f.kind]
        exact, prefix = base + 80.0, base + 30.0
        values, lengths, tie, owners = f.values, f.lengths, self._tie, f.owners
        needle = SEP + token if prefix_only else token
        if f.hay.count(needle) > DENSE_HITS:
            # many hits: one C-speed pass over the values beats a find() per hit
            if prefix_only:
                found = [(k, 0) for k, v in enumerate(values) if v.startswith(token)]
            else:
                found = [(k, values[k].find(token)) for k, v in enumerate(values) if token in v]
        else:
            found, starts, find = [], f.starts, f.hay.find
            at = find(needle)
            while at != -1:
                if prefix_only:
                    at += 1
                k = bisect_right(starts, at) - 1
                found.append((k, at - starts[k]))
                at = find(needle, at + 1)
        return {k: ((exact if tlen == lengths[k] else prefix) if off == 0
                    else base - (10.0 if off > 20 else off * 0.5)) + 20.0 * tlen / lengths[k] + tie[owners[k]]
                for k, off in found}

    def _token_hits(self, token: str) -> tuple[dict[int, float], dict[int, str]]:
        """Best score per item for one token, and which kind of field gave it."""
        best: dict[int, float] = {}
        kinds: dict[int, str] = {}
        latin = token.isascii()
        for f in self._fields:
            if not latin and f.kind in (CODE, FULL, INITIALS):
                continue                            # codes and pinyin are ASCII
            prefix_only = latin and len(token) <= 2 and f.kind in (FULL, INITIALS, NAME, ALIAS)
            scores = self._field_scores(f, token, prefix_only)
            if not scores:
                continue
            owners = f.owners
            if not best and f.kind in (CODE, NAME):     # one value per item: value index = item
                best = scores
                kinds = dict.fromkeys(scores, f.kind)
                continue
            get = best.get
            for k, sc in scores.items():
                owner = owners[k]
                if sc > get(owner, -1.0):
                    best[owner] = sc
                    kinds[owner] = f.kind
        if latin and len(token) >= 2 and token.isalpha() and len(best) < SUBSEQ_WHEN_FEWER:
            self._subsequence(token, best, kinds)
        return best, kinds

    def _subsequence(self, token: str, best: dict[int, float], kinds: dict[int, str]) -> None:
        # "a[^SEP b]*b[^SEP c]*c": the earliest next letter, so the regex never backtracks
        parts = [re.escape(token[0])]
        for c in token[1:]:
            parts.append(f"[^{SEP}{re.escape(c)}]*{re.escape(c)}")
        pattern = re.compile("".join(parts))
        f = self._initials
        for m in pattern.finditer(f.hay):
            owner, offset, vlen = f.locate(m.start())
            if owner in best:
                continue
            spread = m.end() - m.start()
            best[owner] = SUBSEQ_BASE + 20.0 * len(token) / max(vlen, 1) - (spread - len(token)) + self._tie[owner]
            kinds[owner] = INITIALS

    def search(self, query: str, limit: int = 20, *, kinds: tuple[str, ...] = ("item", "bundle")) -> list[Hit]:
        tokens = normalize(query).split()
        if not tokens:
            return []
        combined, fields = self._token_hits(tokens[0])
        for token in tokens[1:]:
            more, _ = self._token_hits(token)
            combined = {n: sc + more[n] for n, sc in combined.items() if n in more}
        if len(kinds) < 2:
            combined = {n: sc for n, sc in combined.items() if self.entries[n].kind in kinds}
        if not combined:
            return []
        for n, b in self._boost.items():         # the dicts are this query's own: safe to change
            if n in combined:
                combined[n] += b
        out = []
        for n in heapq.nlargest(limit, combined, key=combined.get):
            e = self.entries[n]
            out.append(Hit(e.code, e.name, e.department, round(combined[n], 2), fields[n], e.kind))
        return out
