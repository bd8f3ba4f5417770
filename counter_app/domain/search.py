"""Item search: name, alias, code, full pinyin and pinyin initials, ranked.

Each kind of field is one long string (values joined by a separator), so finding a token is
a C-speed ``str.find`` loop; a hit is mapped to its item with ``bisect``. Ranking, best first:
exact over prefix over substring, code and name over alias over pinyin, a match that covers
more of the value, items this window took often, shorter names, then catalog order.
Every space-separated token must match somewhere. Latin input that is not a contiguous
run of initials still finds items whose initials contain it in order (``gtsl`` → 个体…设立…).
"""

from __future__ import annotations

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
    __slots__ = ("kind", "hay", "starts", "owners", "lengths")

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
        self.starts = starts
        self.owners = owners
        self.lengths = lengths

    def locate(self, at: int) -> tuple[int, int, int]:
        """(owner item, offset inside the value, value length) of a hit at ``at``."""
        i = bisect_right(self.starts, at) - 1
        return self.owners[i], at - self.starts[i], self.lengths[i]


def _score(kind: str, offset: int, token_len: int, value_len: int) -> float:
    score = BASE[kind]
    if offset == 0:
        score += 30.0
        if token_len == value_len:
            score += 50.0
    else:
        score -= min(offset, 20) * 0.5
    return score + 20.0 * token_len / max(value_len, 1)


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
        self._boost: list[float] = [0.0] * len(entries)
        self.set_usage(usage or {})

    def set_usage(self, usage: dict[str, int]) -> None:
        """Items this window took often rank up (logarithmic, capped)."""
        self._boost = [0.0] * len(self.entries)
        for code, count in usage.items():
            n = self._order.get(code)
            if n is not None and count > 0:
                self._boost[n] = min(40.0, 8.0 * math.log2(1 + count))

    def _token_hits(self, token: str) -> dict[int, tuple[float, str]]:
        best: dict[int, tuple[float, str]] = {}
        latin = token.isascii()
        tlen = len(token)
        for f in self._fields:
            if latin and tlen <= 2 and f.kind in (FULL, INITIALS, NAME, ALIAS):
                needle, shift = SEP + token, 1      # very short latin input: prefixes only
            else:
                needle, shift = token, 0
            hay, find = f.hay, f.hay.find
            at = find(needle)
            while at != -1:
                owner, offset, vlen = f.locate(at + shift)
                s = _score(f.kind, offset, tlen, vlen)
                prev = best.get(owner)
                if prev is None or s > prev[0]:
                    best[owner] = (s, f.kind)
                at = find(needle, at + 1)
        if latin and tlen >= 2 and token.isalpha():
            self._subsequence(token, best)
        return best

    def _subsequence(self, token: str, best: dict[int, tuple[float, str]]) -> None:
        pattern = re.compile(f"[^{SEP}]*?".join(re.escape(c) for c in token))
        f = self._initials
        for m in pattern.finditer(f.hay):
            owner, offset, vlen = f.locate(m.start())
            if owner in best:
                continue
            spread = m.end() - m.start()
            best[owner] = (SUBSEQ_BASE + 20.0 * len(token) / max(vlen, 1) - (spread - len(token)), INITIALS)

    def search(self, query: str, limit: int = 20, *, kinds: tuple[str, ...] = ("item", "bundle")) -> list[Hit]:
        tokens = normalize(query).split()
        if not tokens:
            return []
        combined: dict[int, tuple[float, str]] | None = None
        for token in tokens:
            hits = self._token_hits(token)
            if combined is None:
                combined = hits
            else:
                combined = {n: (combined[n][0] + s, combined[n][1]) for n, (s, _k) in hits.items() if n in combined}
            if not combined:
                return []
        if len(kinds) < 2:
            combined = {n: v for n, v in combined.items() if self.entries[n].kind in kinds}
        ranked = sorted(combined.items(),
                        key=lambda kv: (-(kv[1][0] + self._boost[kv[0]]), len(self.entries[kv[0]].name), kv[0]))
        out = []
        for n, (score, kind) in ranked[:limit]:
            e = self.entries[n]
            out.append(Hit(e.code, e.name, e.department, round(score + self._boost[n], 2), kind, e.kind))
        return out
