"""The intake being worked on at the window, before it is submitted. No Qt.

The screen keeps one :class:`IntakeDraft`; every widget reads from it and changes it through
its methods, so the rules (merging, what is allowed, what the notice lists) are tested
without a window.
"""

from __future__ import annotations

import datetime as dt

from counter_app.domain.case import (
    ACCEPT, ACCEPT_WITH_GAPS, CaseRecord, EITHER, ELECTRONIC, GAP, MISSING, PENDING, RECEIVED_COPY, RECEIVED_ELECTRONIC, RECEIVED_ORIGINAL, REUSED,
    Applicant, Assessment, MaterialCheck, MaterialLine, assess, merge_materials,
)
from counter_app.domain.catalog import COPY, ServiceItem
from counter_app.domain.identity_material import for_document, proven_by_card
from counter_app.domain.reuse import Reusable, can_reuse


def natural_state(line: MaterialLine) -> str:
    """What "received" means for a line: the form it asks for."""
    return {COPY: RECEIVED_COPY, ELECTRONIC: RECEIVED_ELECTRONIC, EITHER: RECEIVED_ORIGINAL}.get(
        line.form, RECEIVED_ORIGINAL)


class IntakeDraft:
    def __init__(self) -> None:
        self.items: list[ServiceItem] = []
        self.checks: dict[str, MaterialCheck] = {}
        self.applicant: Applicant | None = None
        self.applicant_ok = False
        self.reusable: dict[str, Reusable] = {}
        self.earlier: tuple[CaseRecord, ...] = ()     # this applicant's earlier cases (history)
        self.id_type = "resident"          # the document the applicant holds
        self.card_read = False             # ... and whether it was read on the card reader
        self._ticked_by_card: set[str] = set()
        self._lines: list[MaterialLine] = []
        self.started_at: dt.datetime | None = None    # first applicant data or item: handling time starts

    def _begun(self) -> None:
        if self.started_at is None:
            self.started_at = dt.datetime.now()

    # items -------------------------------------------------------------
    def add_item(self, item: ServiceItem) -> bool:
        if any(i.code == item.code for i in self.items):
            return False
        self.items.append(item)
        self._begun()
        self._remerge()
        return True

    def remove_item(self, code: str) -> None:
        self.items = [i for i in self.items if i.code != code]
        self._remerge()

    def _remerge(self) -> None:
        self._lines = for_document(merge_materials(self.items), self.id_type)
        keys = {l.key for l in self._lines}
        self.checks = {k: v for k, v in self.checks.items() if k in keys}
        self._apply_card()
        self._apply_reuse()

    @property
    def lines(self) -> list[MaterialLine]:
        return self._lines

    # materials ---------------------------------------------------------
    def check(self, key: str) -> MaterialCheck:
        return self.checks.get(key, MaterialCheck())

    def set_state(self, key: str, state: str, *, promised_date: dt.date | None = None, remark: str = "") -> None:
        old = self.check(key)
        reused_from = ""
        if state == REUSED:
            src = self.reusable.get(key)
            if src is None:
                return
            reused_from = src.case_number
        self.checks[key] = MaterialCheck(state, promised_date if state == GAP else None,
                                         remark if remark else (old.remark if state in (MISSING, GAP, PENDING) else ""),
                                         reused_from)

    def set_remark(self, key: str, remark: str) -> None:
        old = self.check(key)
        self.checks[key] = MaterialCheck(old.state, old.promised_date, remark, old.reused_from)

    def mark_all_received(self) -> None:
        """Every required line not yet decided is received in the form it asks for (F5 at the window).

        Optional lines (a power of attorney "if an agent applies") stay undecided: the clerk
        marks them only when the applicant actually hands them in.
        """
        for line in self._lines:
            if line.required and self.check(line.key).state == PENDING:
                self.set_state(line.key, natural_state(line))

    # identity ----------------------------------------------------------
    def set_identity(self, id_type: str, card_read: bool) -> bool:
        """The applicant's document and whether it was read from the card; True when lines changed."""
        if (id_type, card_read) == (self.id_type, self.card_read):
            return False
        self.id_type, self.card_read = id_type, card_read
        self._remerge()
        return True

    def _apply_card(self) -> None:
        """A card read ticks the identity line(s) still open; when the card is gone, only its ticks go."""
        by_line = {l.key: l for l in self._lines}
        if self.card_read:
            for key in proven_by_card(self._lines):
                if self.check(key).state == PENDING:
                    self.checks[key] = MaterialCheck(natural_state(by_line[key]))
                    self._ticked_by_card.add(key)
            return
        for key in self._ticked_by_card:
            if key in by_line and self.check(key) == MaterialCheck(natural_state(by_line[key])):
                self.checks.pop(key)
        self._ticked_by_card.clear()

    # history -----------------------------------------------------------
    def set_earlier(self, cases) -> None:
        self.earlier = tuple(cases)

    def same_day_repeats(self, today: dt.date | None = None) -> list[tuple[ServiceItem, str]]:
        """(item, earlier case number) for each chosen item this applicant already had accepted
        today: probably the same application twice. A notice or a rejection earlier today is no
        repeat — coming back the same day with the missing papers is the point of the notice."""
        today = today or dt.date.today()
        chosen = {i.code: i for i in self.items}
        out = []
        for case in self.earlier:
            if case.created_at.date() != today or case.outcome not in (ACCEPT, ACCEPT_WITH_GAPS):
                continue
            out += [(chosen[i.code], case.number) for i in case.items if i.code in chosen]
        return out

    def set_reusable(self, reusable: dict[str, Reusable]) -> None:
        self.reusable = dict(reusable)
        self._apply_reuse()

    def _apply_reuse(self) -> None:
        for line in self._lines:
            if self.check(line.key).state == PENDING and can_reuse(line, self.reusable):
                self.set_state(line.key, REUSED)

    # verdict -----------------------------------------------------------
    def set_applicant(self, applicant: Applicant | None, ok: bool) -> None:
        self.applicant = applicant
        self.applicant_ok = ok
        if applicant is not None and (applicant.name or applicant.id_number or applicant.org_name):
            self._begun()

    def assessment(self) -> Assessment:
        return assess(self._lines, self.checks, has_items=bool(self.items), applicant_ok=self.applicant_ok)

    def clear(self) -> None:
        self.__init__()
