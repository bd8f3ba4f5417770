"""The ``counter-catalog/1`` JSON format: validation into :class:`Catalog` and back.

Validation collects *every* problem with its place (item code and field) before failing,
so a hall admin fixes the file in one pass.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from counter_app.domain.catalog import (
    APPLICANT_TYPES, FORMS, KINDS, Bundle, Catalog, Department, Fee, Material, ServiceItem,
)
from counter_app.domain.catalog_version import parse_version
from counter_app.errors import UserError

FORMAT = "counter-catalog/1"
MAX_CODE = 64


@dataclass(frozen=True)
class Problem:
    place: str    # e.g. "items[000131128000].materials[M1].form"; "" for the file as a whole
    key: str      # message key
    detail: str = ""
    line: int = 0     # for a file that is not JSON: where the parser stopped (1-based)
    column: int = 0

    def where(self, tr) -> str:
        """The place as the reader sees it: a field path, or 第2行第5列 / line 2, column 5."""
        if self.line:
            return tr("catalog.at_line", line=self.line, column=self.column)
        if self.place == "$":
            return tr("catalog.whole_file")
        return self.place

    def text(self, tr) -> str:
        what = tr(self.key, detail=self.detail)
        where = self.where(tr)
        return tr("catalog.problem", place=where, what=what) if where else what


class CatalogInvalid(UserError):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("catalog.invalid", count=len(problems))
        self.problems = problems


def _at(place: str, name: str) -> str:
    return f"{place}.{name}" if place and place != "$" else name


class _Collector:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, place: str, key: str, detail: str = "") -> None:
        self.problems.append(Problem(place, key, detail))

    def text(self, obj: dict, name: str, place: str, *, required: bool = True, max_len: int = 500) -> str:
        value = obj.get(name)
        if value is None:
            if required:
                self.add(_at(place, name), "catalog.missing")
            return ""
        if not isinstance(value, str):
            self.add(_at(place, name), "catalog.not_text")
            return ""
        value = value.strip()
        if required and not value:
            self.add(_at(place, name), "catalog.empty")
        if len(value) > max_len:
            self.add(_at(place, name), "catalog.too_long", str(max_len))
        return value

    def integer(self, obj: dict, name: str, place: str, *, minimum: int = 0, default: int | None = None) -> int:
        value = obj.get(name)
        if value is None:
            if default is None:
                self.add(_at(place, name), "catalog.missing")
                return 0
            value = default
        if isinstance(value, bool) or not isinstance(value, int):
            self.add(_at(place, name), "catalog.not_integer")
            return 0
        if value < minimum:
            self.add(_at(place, name), "catalog.too_small", str(minimum))
        return value

    def boolean(self, obj: dict, name: str, place: str, default: bool) -> bool:
        value = obj.get(name, default)
        if not isinstance(value, bool):
            self.add(_at(place, name), "catalog.not_boolean")
            return default
        return value

    def choice(self, obj: dict, name: str, place: str, choices: tuple[str, ...], default: str | None = None) -> str:
        value = obj.get(name)
        if value is None:
            if default is None:
                self.add(_at(place, name), "catalog.missing")
                return choices[0]
            value = default
        if value not in choices:
            self.add(_at(place, name), "catalog.bad_choice", " / ".join(choices))
            return choices[0]
        return value

    def objects(self, obj: dict, name: str, place: str) -> list[dict]:
        value = obj.get(name, [])
        if not isinstance(value, list):
            self.add(f"{place}{name}", "catalog.not_list")
            return []
        good = []
        for n, entry in enumerate(value):
            if isinstance(entry, dict):
                good.append(entry)
            else:
                self.add(f"{place}{name}[{n}]", "catalog.not_object")
        return good


def _label(entry: dict, n: int) -> str:
    code = entry.get("code")
    return code if isinstance(code, str) and code.strip() else f"#{n + 1}"


def _fee(c: _Collector, raw: Any, place: str) -> Fee | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        c.add(place, "catalog.not_object")
        return None
    amount_text = raw.get("amount")
    try:
        amount = Decimal(str(amount_text))
        if not amount.is_finite() or amount < 0 or isinstance(amount_text, bool):
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        c.add(f"{place}.amount", "catalog.bad_amount")
        amount = Decimal(0)
    return Fee(amount=amount, basis=c.text(raw, "basis", place, required=False))


def _material(c: _Collector, raw: dict, place: str) -> Material:
    copies = c.integer(raw, "copies", place, minimum=0, default=1)
    return Material(
        code=c.text(raw, "code", place, max_len=MAX_CODE),
        name=c.text(raw, "name", place),
        required=c.boolean(raw, "required", place, True),
        form=c.choice(raw, "form", place, FORMS, default="original"),
        copies=copies,
        gap_allowed=c.boolean(raw, "gap_allowed", place, False),
        note=c.text(raw, "note", place, required=False, max_len=2000),
    )


def _item(c: _Collector, raw: dict, place: str, departments: set[str]) -> ServiceItem:
    department = c.text(raw, "department", place, max_len=MAX_CODE)
    if department and department not in departments:
        c.add(f"{place}.department", "catalog.unknown_department", department)
    aliases = raw.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        c.add(f"{place}.aliases", "catalog.not_text_list")
        aliases = []
    types = raw.get("applicant_types", ["person"])
    if not isinstance(types, list) or not types or any(t not in APPLICANT_TYPES for t in types):
        c.add(f"{place}.applicant_types", "catalog.bad_choice", " / ".join(APPLICANT_TYPES))
        types = ["person"]
    legal = c.integer(raw, "legal_days", place)
    promised = c.integer(raw, "promised_days", place)
    if legal and promised > legal:
        c.add(f"{place}.promised_days", "catalog.promised_over_legal", str(legal))
    materials = []
    seen: set[str] = set()
    for n, m in enumerate(c.objects(raw, "materials", f"{place}.")):
        mplace = f"{place}.materials[{_label(m, n)}]"
        material = _material(c, m, mplace)
        if material.code and material.code in seen:      # a missing code is reported once, as missing
            c.add(f"{mplace}.code", "catalog.duplicate_code", material.code)
        seen.add(material.code)
        materials.append(material)
    return ServiceItem(
        code=c.text(raw, "code", place, max_len=MAX_CODE),
        name=c.text(raw, "name", place),
        department=department,
        kind=c.choice(raw, "kind", place, KINDS),
        legal_days=legal,
        promised_days=promised,
        aliases=tuple(a.strip() for a in aliases if a.strip()),
        fee=_fee(c, raw.get("fee"), f"{place}.fee"),
        applicant_types=tuple(types),
        materials=tuple(materials),
    )


def parse_catalog(data: Any) -> Catalog:
    """Validate a decoded JSON document; raise :class:`CatalogInvalid` listing every problem."""
    c = _Collector()
    if not isinstance(data, dict):
        raise CatalogInvalid([Problem("$", "catalog.not_object")])
    if data.get("format") != FORMAT:
        c.add("format", "catalog.bad_format", FORMAT)
    version = c.text(data, "version", "$", max_len=64)
    if version and parse_version(version) is None:
        c.add("version", "catalog.bad_version", version[:64])
    region = c.text(data, "region", "$", required=False, max_len=64)

    departments = []
    dept_codes: set[str] = set()
    for n, raw in enumerate(c.objects(data, "departments", "")):
        place = f"departments[{_label(raw, n)}]"
        d = Department(code=c.text(raw, "code", place, max_len=MAX_CODE), name=c.text(raw, "name", place))
        if d.code and d.code in dept_codes:
            c.add(f"{place}.code", "catalog.duplicate_code", d.code)
        dept_codes.add(d.code)
        departments.append(d)

    items = []
    item_codes: set[str] = set()
    for n, raw in enumerate(c.objects(data, "items", "")):
        place = f"items[{_label(raw, n)}]"
        item = _item(c, raw, place, dept_codes)
        if item.code and item.code in item_codes:
            c.add(f"{place}.code", "catalog.duplicate_code", item.code)
        item_codes.add(item.code)
        items.append(item)
    if not items and not c.problems:
        c.add("items", "catalog.no_items")

    bundles = []
    bundle_codes: set[str] = set()
    for n, raw in enumerate(c.objects(data, "bundles", "")):
        place = f"bundles[{_label(raw, n)}]"
        members = raw.get("items")
        if not isinstance(members, list) or not members or not all(isinstance(m, str) for m in members):
            c.add(f"{place}.items", "catalog.not_text_list")
            members = []
        for m in members:
            if m not in item_codes:
                c.add(f"{place}.items", "catalog.unknown_item", m)
        code = c.text(raw, "code", place, max_len=MAX_CODE)
        if code and code in bundle_codes:
            c.add(f"{place}.code", "catalog.duplicate_code", code)
        elif code and code in item_codes:     # a bundle is picked like an item: one code, one thing
            c.add(f"{place}.code", "catalog.bundle_code_is_item", code)
        bundle_codes.add(code)
        bundles.append(Bundle(code=code, name=c.text(raw, "name", place), items=tuple(members)))

    if c.problems:
        raise CatalogInvalid(c.problems)
    return Catalog(version=version, region=region, departments=tuple(departments),
                   items=tuple(items), bundles=tuple(bundles))


# What Python's JSON parser says, as message keys (its own words are English and technical).
_JSON_ERRORS = (
    ("Expecting value", "catalog.json.expecting_value"),
    ("Expecting property name", "catalog.json.expecting_name"),
    ("Expecting ':'", "catalog.json.expecting_colon"),
    ("Expecting ','", "catalog.json.expecting_comma"),
    ("Unterminated string", "catalog.json.unterminated_string"),
    ("Invalid control character", "catalog.json.control_character"),
    ("Invalid \\u", "catalog.json.bad_escape"),
    ("Invalid \\escape", "catalog.json.bad_escape"),
    ("Extra data", "catalog.json.extra_data"),
)


def _json_problem(exc: json.JSONDecodeError) -> Problem:
    key = next((k for start, k in _JSON_ERRORS if exc.msg.startswith(start)), "catalog.bad_json")
    return Problem("", key, exc.msg, line=exc.lineno, column=exc.colno)


def parse_catalog_text(text: str) -> Catalog:
    if not text.strip():
        raise CatalogInvalid([Problem("", "catalog.no_content")])
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CatalogInvalid([_json_problem(exc)]) from None
    except RecursionError:      # e.g. 200,000 "[": nested deeper than any catalog
        raise CatalogInvalid([Problem("", "catalog.json.too_deep")]) from None
    return parse_catalog(data)


def material_to_dict(m: Material) -> dict:
    return {"code": m.code, "name": m.name, "required": m.required, "form": m.form,
            "copies": m.copies, "gap_allowed": m.gap_allowed, "note": m.note}


def item_to_dict(i: ServiceItem) -> dict:
    return {
        "code": i.code, "name": i.name, "aliases": list(i.aliases), "department": i.department,
        "kind": i.kind, "legal_days": i.legal_days, "promised_days": i.promised_days,
        "fee": None if i.fee is None else {"amount": f"{i.fee.amount:.2f}", "basis": i.fee.basis},
        "applicant_types": list(i.applicant_types),
        "materials": [material_to_dict(m) for m in i.materials],
    }


def item_from_dict(raw: dict) -> ServiceItem:
    """Rebuild an item from :func:`item_to_dict` output (a stored snapshot); trusted data."""
    fee = raw.get("fee")
    return ServiceItem(
        code=raw["code"], name=raw["name"], department=raw["department"], kind=raw["kind"],
        legal_days=raw["legal_days"], promised_days=raw["promised_days"],
        aliases=tuple(raw.get("aliases", ())),
        fee=None if fee is None else Fee(Decimal(fee["amount"]), fee.get("basis", "")),
        applicant_types=tuple(raw.get("applicant_types", ("person",))),
        materials=tuple(Material(**m) for m in raw.get("materials", ())),
    )


def catalog_to_dict(cat: Catalog) -> dict:
    return {
        "format": FORMAT, "version": cat.version, "region": cat.region,
        "departments": [{"code": d.code, "name": d.name} for d in cat.departments],
        "items": [item_to_dict(i) for i in cat.items],
        "bundles": [{"code": b.code, "name": b.name, "items": list(b.items)} for b in cat.bundles],
    }
