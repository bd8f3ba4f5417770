"""An intake: the applicant, the items asked for, the merged material checklist and the outcome.

Pure rules: which outcomes are allowed for the current checklist, and what the one-time
notice (一次性告知) must list.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# The outcomes (办件结果 at intake) live with the statuses in case_status, the one vocabulary.
from counter_app.domain.case_status import ACCEPT, ACCEPT_WITH_GAPS, NOTICE, OUTCOMES, REJECT  # noqa: F401
from counter_app.domain.catalog import EITHER, ELECTRONIC, ORIGINAL, PERSON, Material, ServiceItem

# Material check states
PENDING = "pending"
RECEIVED_ORIGINAL = "original"
RECEIVED_COPY = "copy"
RECEIVED_ELECTRONIC = "electronic"
REUSED = "reused"          # taken from an earlier case of the same person (历史数据复用)
MISSING = "missing"
GAP = "gap"                # 容缺: promised later
STATES = (PENDING, RECEIVED_ORIGINAL, RECEIVED_COPY, RECEIVED_ELECTRONIC, REUSED, MISSING, GAP)
RECEIVED = (RECEIVED_ORIGINAL, RECEIVED_COPY, RECEIVED_ELECTRONIC, REUSED)

PICKUP = "pickup"
POST = "post"


@dataclass(frozen=True)
class Applicant:
    """Personal data: kept out of repr (and so out of logs and tracebacks)."""
    name: str = field(repr=False)
    id_number: str = field(repr=False)
    kind: str = PERSON
    id_type: str = "resident"
    phone: str = field(default="", repr=False)
    address: str = field(default="", repr=False)
    org_name: str = ""          # legal entity: name of the company
    credit_code: str = ""       # legal entity: 统一社会信用代码
    card_expired: bool = False


@dataclass(frozen=True)
class Agent:
    name: str = field(repr=False)
    id_number: str = field(repr=False)
    phone: str = field(default="", repr=False)


@dataclass(frozen=True)
class MaterialLine:
    """One line of the merged checklist: the same document asked by several items is one line."""
    key: str
    name: str
    required: bool
    form: str
    copies: int
    gap_allowed: bool
    note: str
    item_codes: tuple[str, ...]


@dataclass(frozen=True)
class MaterialCheck:
    state: str = PENDING
    promised_date: dt.date | None = None   # for GAP
    remark: str = ""                        # what is wrong, for the one-time notice
    reused_from: str = ""                   # case number the material was reused from


def material_key(name: str) -> str:
    """Materials are merged by name, ignoring spaces, brackets and full/half-width differences."""
    table = str.maketrans({"（": "(", "）": ")", "　": "", " ": "", "《": "", "》": ""})
    return name.translate(table).strip().lower()


def _stricter_form(a: str, b: str) -> str:
    order = {ORIGINAL: 3, EITHER: 2, "copy": 1, ELECTRONIC: 0}
    return a if order.get(a, 0) >= order.get(b, 0) else b


def merge_materials(items: list[ServiceItem] | tuple[ServiceItem, ...]) -> list[MaterialLine]:
    """Merge and de-duplicate the materials of several items, keeping first-seen order."""
    merged: dict[str, MaterialLine] = {}
    for item in items:
        for m in item.materials:
            key = material_key(m.name)
            prev = merged.get(key)
            if prev is None:
                merged[key] = MaterialLine(key, m.name, m.required, m.form, m.copies,
                                           m.gap_allowed, m.note, (item.code,))
                continue
            notes = prev.note if (not m.note or m.note in prev.note) else "；".join(filter(None, [prev.note, m.note]))
            merged[key] = MaterialLine(
                key=key, name=prev.name,
                required=prev.required or m.required,
                form=_stricter_form(prev.form, m.form),
                copies=max(prev.copies, m.copies),
                # a gap is allowed only if every item that requires it allows it
                gap_allowed=_gap_allowed(prev, m),
                note=notes,
                item_codes=prev.item_codes + ((item.code,) if item.code not in prev.item_codes else ()),
            )
    return list(merged.values())


def _gap_allowed(prev: MaterialLine, m: Material) -> bool:
    if prev.required and m.required:
        return prev.gap_allowed and m.gap_allowed
    if prev.required:
        return prev.gap_allowed
    if m.required:
        return m.gap_allowed
    return True


def deficiency(line: MaterialLine, check: MaterialCheck, today: dt.date | None = None) -> str:
    """Why a line does not count as received (a message key), or "" when it does."""
    state = check.state
    if state in (PENDING, MISSING):
        return "material.missing" if line.required else ""
    if state == GAP:
        if not line.gap_allowed:
            return "material.gap_not_allowed"
        if check.promised_date is None:
            return "material.gap_needs_date"
        if check.promised_date < (today or dt.date.today()):
            return "material.gap_date_past"
        return ""
    if state == RECEIVED_COPY and line.form == ORIGINAL:
        return "material.needs_original"
    if state == RECEIVED_ELECTRONIC and line.form == ORIGINAL:
        return "material.needs_original"
    return ""


@dataclass(frozen=True)
class Assessment:
    allowed: frozenset[str]
    missing: tuple[MaterialLine, ...]        # required and not received, not promised
    gaps: tuple[MaterialLine, ...]           # 容缺 lines with a promised date
    deficient: tuple[tuple[MaterialLine, str], ...] = field(default=())  # (line, reason key)


def assess(lines: list[MaterialLine], checks: dict[str, MaterialCheck], *, has_items: bool,
           applicant_ok: bool, today: dt.date | None = None) -> Assessment:
    """Which outcomes the clerk may choose now."""
    missing, gaps, deficient = [], [], []
    for line in lines:
        check = checks.get(line.key, MaterialCheck())
        why = deficiency(line, check, today)
        if check.state == GAP and not why:
            gaps.append(line)
        elif why:
            deficient.append((line, why))
            if why == "material.missing":
                missing.append(line)
        elif check.state in (PENDING, MISSING) and line.required:
            missing.append(line)
    allowed = set()
    if has_items and applicant_ok:
        allowed.add(REJECT)
        if deficient:
            allowed.add(NOTICE)
        elif gaps:
            allowed.add(ACCEPT_WITH_GAPS)
        else:
            allowed.add(ACCEPT)
    return Assessment(frozenset(allowed), tuple(missing), tuple(gaps), tuple(deficient))


@dataclass(frozen=True)
class CheckedMaterial:
    line: MaterialLine
    check: MaterialCheck


@dataclass(frozen=True)
class CaseRecord:
    """A case as saved: what receipts, notices and later steps read."""
    id: str
    number: str
    hall: str
    window: str
    clerk: str
    created_at: dt.datetime
    outcome: str
    status: str
    applicant: Applicant
    items: tuple[ServiceItem, ...]
    materials: tuple[CheckedMaterial, ...]
    agent: Agent | None = None
    reason: str = ""
    legal_basis: str = ""
    delivery: str = PICKUP
    delivery_address: str = field(default="", repr=False)
    promised_date: dt.date | None = None
    query_code: str = field(default="", repr=False)
    catalog_version: str = ""
    department_names: tuple[tuple[str, str], ...] = ()   # (code, name) of the items' departments
    supervisor: str = ""                                 # who allowed accepting with an expired card
    clerk_name: str = ""                                 # the accepting clerk's name (``clerk``: login)

    def department_name(self, code: str) -> str:
        return dict(self.department_names).get(code, code)
