"""Item search: name, alias, code, full pinyin and pinyin initials, ranked.

Finding a token in a kind of field is :mod:`counter_app.domain.search_fields`; this module
scores and ranks. Ranking, best first: exact over prefix over substring, code and name over
alias over pinyin, a match that covers more of the value, items this window took often,
shorter names, then catalog order. Every space-separated token must match somewhere.

Short Latin tokens (one or two characters: every search starts with them as the clerk types)
match the start of a value only. Each field lists, when the index is built, its values per
prefix best first, so a short token with many matches compares only the first few of each list
and the items this window used, not every match.

When a token matches directly fewer items than asked for, an in-order fallback adds items
whose value holds the token's characters in order with gaps: initials for Latin input
(``gtsl`` → 个体…设立…), names and aliases for Chinese (不动产登记 → 不动产转移登记). Those
score below every direct match and take no usage boost, so direct matches stay first.
"""

from __future__ import annotations

import heapq
import math
import unicodedata
from dataclasses import dataclass

from counter_app.domain.search_fields import SEP, SHORT, Field, PrefixMatches

# field kinds and their base weight
CODE, NAME, ALIAS, INITIALS, FULL = "code", "name", "alias", "initials", "full"
BASE = {CODE: 100.0, NAME: 92.0, ALIAS: 86.0, INITIALS: 80.0, FULL: 76.0}
FALLBACK_BASE = 40.0      # in-order matches score at most 60: below any direct match (66 and up)
FALLBACK_MAX_GAP = 30
# Longer than any item name a clerk types (names stop at 300 characters, real ones at ~40), short
# enough that a pasted page searches in milliseconds (issue 14: 1,000,000 characters took 44 s).
MAX_QUERY = 200


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
    if text.isascii():
        return text.lower().strip()
    return unicodedata.normalize("NFKC", text).lower().strip()


class _TokenHits:
    """One token's matches: best score per entry, the kind of field that gave it, and the
    entries found only by the in-order fallback."""
    __slots__ = ("scores", "fields", "weak")

    def __init__(self, scores: dict[int, float], fields: dict[int, str]) -> None:
        self.scores, self.fields, self.weak = scores, fields, set()


NARROW_POOL = 60        # results of the other words that a short later word narrows


class SearchIndex:
    def __init__(self, entries: list[SearchEntry], usage: dict[str, int] | None = None) -> None:
        self.entries = entries
        # usage counts are per item: a bundle that shares a code must not take an item's boost
        self._order: dict[str, int] = {}
        for n, e in enumerate(entries):
            if e.kind == "item":
                self._order.setdefault(e.code, n)
        self._kinds = {e.kind for e in entries}
        self._entry_of = {(e.kind, e.code): n for n, e in reversed(list(enumerate(entries)))}
        # ties: the shorter name, then catalog order; small enough never to outweigh a real difference
        tie = [-(len(e.name) * 1e-4 + n * 1e-9) for n, e in enumerate(entries)]
        names = [normalize(e.name) for e in entries]
        aliases = [(n, normalize(a)) for n, e in enumerate(entries) for a in e.aliases]
        keys = [(n, k) for n, e in enumerate(entries) for k in e.keys]
        values = {
            CODE: (list(range(len(entries))), [normalize(e.code) for e in entries]),
            NAME: (list(range(len(entries))), names),
            ALIAS: ([n for n, _ in aliases], [a for _, a in aliases]),
            INITIALS: ([n for n, _ in keys], [k[1] for _, k in keys]),
            FULL: ([n for n, _ in keys], [k[0] for _, k in keys]),
        }
        self._fields = [Field(kind, BASE[kind], owners, texts, tie) for kind, (owners, texts) in values.items()]
        self._values = values              # kept to build ``_entry_text`` when it is first needed
        self._entry_text: list[str] | None = None
        self._by_kind = {f.kind: f for f in self._fields}
        self._boost: dict[int, float] = {}
        self.set_usage(usage or {})

    def set_usage(self, usage: dict[str, int]) -> None:
        """Items this window took often rank up (logarithmic, capped)."""
        boost = {}
        for code, count in usage.items():
            n = self._order.get(code)
            if n is not None and count > 0:
                boost[n] = min(40.0, 8.0 * math.log2(1 + count))
        self._boost = boost

    # -- one token -----------------------------------------------------------------------------

    def _direct(self, token: str) -> _TokenHits:
        """Best score per entry over every field, and which kind of field gave it."""
        scores: dict[int, float] = {}
        fields: dict[int, str] = {}
        latin, tlen = token.isascii(), len(token)
        short = latin and tlen <= SHORT
        for f in self._fields:
            if not latin and f.kind in (CODE, FULL, INITIALS):
                continue                            # codes and pinyin are ASCII
            found = dict.fromkeys(f.starting_with(token), 0) if short else f.occurrences(token)
            if not found:
                continue
            by_entry = f.per_entry(f.scores(found, tlen))
            if not scores:
                scores, fields = by_entry, dict.fromkeys(by_entry, f.kind)
                continue
            get = scores.get
            for o, sc in by_entry.items():
                if sc > get(o, -1.0):
                    scores[o] = sc
                    fields[o] = f.kind
        return _TokenHits(scores, fields)

    def _token_hits(self, token: str, limit: int) -> _TokenHits:
        hits = self._direct(token)
        if len(token) < 2 or len(hits.scores) >= limit:
            return hits
        if token.isascii():
            if not token.isalpha():
                return hits
            fields = (self._by_kind[INITIALS],)
        else:
            fields = (self._by_kind[NAME], self._by_kind[ALIAS])
        scores, tlen = hits.scores, len(token)
        for f in fields:
            owners, inv, tie = f.owners, f.inv, f.tie
            for k, spread in f.in_order(token).items():
                o = owners[k]
                if o in scores and o not in hits.weak:
                    continue                        # matched directly
                sc = FALLBACK_BASE + tlen * inv[k] - min(spread - tlen, FALLBACK_MAX_GAP) + tie[k]
                if sc > scores.get(o, -1e9):
                    scores[o] = sc
                    hits.fields[o] = f.kind
                    hits.weak.add(o)
        return hits

    # -- ranking -------------------------------------------------------------------------------

    def search(self, query: str, limit: int = 20, *, kinds: tuple[str, ...] = ("item", "bundle")) -> list[Hit]:
        tokens = normalize(query[:MAX_QUERY]).replace(SEP, " ").split()
        if not tokens or limit < 1:
            return []
        hits = self._search(tokens, limit, kinds)
        later_short = [t for t in tokens[1:] if t.isascii() and len(t) <= SHORT]
        if len(hits) < limit and later_short:
            hits += self._narrowed(tokens, later_short, limit - len(hits), kinds, {(h.kind, h.code) for h in hits})
        return hits

    def _narrowed(self, tokens, later_short, room: int, kinds, seen) -> list[Hit]:
        """While a later word is only one or two letters ("gtgsh zx"), it may stand anywhere in
        the values of what the other words found: those follow the strict matches, best first."""
        others = [t for t in tokens if t not in later_short] or tokens[:1]
        text, out = self._texts(), []
        for hit in self._search(others, NARROW_POOL, kinds):
            n = self._entry_of[(hit.kind, hit.code)]
            if (hit.kind, hit.code) not in seen and all(t in text[n] for t in later_short):
                out.append(hit)
                if len(out) == room:
                    break
        return out

    def _texts(self) -> list[str]:
        """Every searchable value of each entry in one string (built on first use)."""
        if self._entry_text is None:
            values = self._values
            text = [[SEP, code, SEP, name, SEP] for code, name in zip(values[CODE][1], values[NAME][1])]
            for kind in (ALIAS, INITIALS, FULL):
                for owner, value in zip(*values[kind]):
                    text[owner] += (value, SEP)
            self._entry_text = ["".join(parts) for parts in text]
        return self._entry_text

    def _search(self, tokens: list[str], limit: int, kinds: tuple[str, ...]) -> list[Hit]:
        matches: list[_TokenHits | PrefixMatches] = []
        for token in tokens:
            if token.isascii() and len(token) <= SHORT:
                starts = PrefixMatches(token, self._fields)
                if len(starts.entries) >= limit:     # enough direct matches: no fallback, score later
                    matches.append(starts)
                    continue
            matches.append(self._token_hits(token, limit))
        first = matches[0]
        if len(matches) == 1:
            if isinstance(first, PrefixMatches):
                return self._first_keystrokes(first, limit, kinds)
            combined, fields, weak = first.scores, first.fields, first.weak
        else:
            combined, fields, weak = self._all_tokens(matches)
        if not combined:
            return []
        return [self._hit(n, score, fields[n]) for n, score in self._best(combined, weak, limit, kinds)]

    def _all_tokens(self, matches: list[_TokenHits | PrefixMatches]):
        """Entries that every token matches, with the sum of their scores; the kind of field
        is the first token's; in-order (fallback) matches of any token take no usage boost."""
        keys = sorted((m.entries if isinstance(m, PrefixMatches) else m.scores.keys() for m in matches), key=len)
        common = set(keys[0]).intersection(*keys[1:])
        combined = dict.fromkeys(common, 0.0)
        fields: dict[int, str] = {}
        weak: set[int] = set()
        for i, m in enumerate(matches):
            if isinstance(m, PrefixMatches):
                for n, (sc, kind) in m.scores(common).items():
                    combined[n] += sc
                    if i == 0:
                        fields[n] = kind
            else:
                scores = m.scores
                for n in common:
                    combined[n] += scores[n]
                if i == 0:
                    fields = m.fields
                weak |= m.weak.intersection(common)
        return combined, fields, weak

    def _hit(self, n: int, score: float, field: str) -> Hit:
        e = self.entries[n]
        return Hit(e.code, e.name, e.department, round(score, 2), field, e.kind)

    def _allowed(self, kinds: tuple[str, ...]):
        if self._kinds.issubset(kinds):
            return None
        entries = self.entries
        return lambda n: entries[n].kind in kinds

    def _best(self, combined: dict[int, float], weak: set[int], limit: int,
              kinds: tuple[str, ...]) -> list[tuple[int, float]]:
        """The ``limit`` best entries with their final score, without sorting every match:
        an entry the window never used can only be among them if it is among the ``limit``
        best before usage boosts, so those and the boosted matches are all that is compared."""
        allowed = self._allowed(kinds)
        pool = combined if allowed is None else [n for n in combined if allowed(n)]
        top = heapq.nlargest(limit, pool, key=combined.__getitem__)
        boost = self._boost
        if not boost:
            return [(n, combined[n]) for n in top]
        small, large = (boost, combined) if len(boost) < len(combined) else (combined, boost)
        candidates = set(top)
        candidates.update(n for n in small if n in large and n not in weak and (allowed is None or allowed(n)))

        def final(n: int) -> float:
            return combined[n] + (0.0 if n in weak else boost.get(n, 0.0))

        return [(n, final(n)) for n in heapq.nlargest(limit, candidates, key=final)]

    def _first_keystrokes(self, starts: PrefixMatches, limit: int, kinds: tuple[str, ...]) -> list[Hit]:
        """One short Latin token with at least ``limit`` matches: only the ``limit`` best of each
        field's prefix bucket (already ordered) and the boosted matches can rank first."""
        allowed = self._allowed(kinds)
        boost = self._boost
        candidates = starts.leaders(limit, allowed)
        boosted = boost.keys() & starts.entries
        candidates.update(boosted if allowed is None else filter(allowed, boosted))
        scored = [(sc + boost.get(o, 0.0), o, kind) for o, (sc, kind) in starts.scores(candidates).items()]
        return [self._hit(o, sc, kind) for sc, o, kind in heapq.nlargest(limit, scored)]
