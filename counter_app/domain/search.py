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
        self._order = {e.code: n for n, e in enumerate(entries)}
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
        self._boost: dict[int, float] = {}
        self.set_usage(usage or {})
        self._tie = [-(len(e.name) * 1e-4 + n * 1e-9) for n, e in enumerate(entries)]

    def set_usage(self, usage: dict[str, int]) -> None:
        """Items this window took often rank up (logarithmic, capped)."""
        self._boost = {}
        for code, count in usage.items():
            n = self._order.get(code)
            if n is not None and count > 0:
                self._boost[n] = min(40.0, 8.0 * math.log2(1 + count))

    def _token_hits(self, token: str) -> tuple[dict[int, float], dict[int, str]]:
        """Best score per item for one token, and which kind of field gave it."""
        best: dict[int, float] = {}
        kinds: dict[int, str] = {}
        latin = token.isascii()
        tlen = len(token)
        for f in self._fields:
            if not latin and f.kind in (CODE, FULL, INITIALS):
                continue                            # codes and pinyin are ASCII
            if latin and tlen <= 2 and f.kind in (FULL, INITIALS, NAME, ALIAS):
                needle, shift = SEP + token, 1      # very short latin input: prefixes only
            else:
                needle, shift = token, 0
            base, kind = BASE[f.kind], f.kind
            prefix_bonus = base + 30.0
            scored = [(owner, (prefix_bonus + (50.0 if tlen == vlen else 0.0) if offset == 0
                               else base - (10.0 if offset > 20 else offset * 0.5)) + 20.0 * tlen / vlen)
                      for owner, offset, vlen in self._hits(f, needle, shift)]
            if not best:
                # the first field with hits: keep each owner's best without a Python-level compare
                scored.sort(key=lambda os: os[1])
                best = dict(scored)
                kinds = dict.fromkeys(best, kind)
                continue
            get = best.get
            for owner, sc in scored:
                if sc > get(owner, -1.0):
                    best[owner] = sc
                    kinds[owner] = kind
        if latin and tlen >= 2 and token.isalpha() and len(best) < SUBSEQ_WHEN_FEWER:
            self._subsequence(token, best, kinds)
        return best, kinds

    @staticmethod
    def _hits(f: _Field, needle: str, shift: int):
        """(owner, offset, value length) of the first match in each value that contains ``needle``."""
        hay = f.hay
        if hay.count(needle) > DENSE_HITS:
            # many hits: one C-speed pass over the values beats a find() call per hit
            token = needle[shift:]
            owners, lengths = f.owners, f.lengths
            values = f.values
            if shift:
                return [(owners[k], 0, lengths[k]) for k, v in enumerate(values) if v.startswith(token)]
            found = [k for k, v in enumerate(values) if token in v]
            return [(owners[k], values[k].find(token), lengths[k]) for k in found]
        out = []
        starts, owners, lengths, find = f.starts, f.owners, f.lengths, hay.find
        at = find(needle)
        while at != -1:
            i = bisect_right(starts, at + shift) - 1
            out.append((owners[i], at + shift - starts[i], lengths[i]))
            at = find(needle, at + 1)
        return out

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
            best[owner] = SUBSEQ_BASE + 20.0 * len(token) / max(vlen, 1) - (spread - len(token))
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
        for n, b in self._boost.items():
            if n in combined:
                combined[n] += b
        # ties: the shorter name, then catalog order
        tie = self._tie
        final = {n: sc + tie[n] for n, sc in combined.items()}
        out = []
        for n in heapq.nlargest(limit, final, key=final.get):
            e = self.entries[n]
            out.append(Hit(e.code, e.name, e.department, round(combined[n], 2), fields[n], e.kind))
        return out
