"""The ``counter-catalog/1`` JSON format: validation into :class:`Catalog` and back.

Validation collects *every* problem with its place (item code and field) before failing,
so a hall admin fixes the file in one pass.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from counter_app.domain.catalog import (
    APPLICANT_TYPES, FORMS, KINDS, Bundle, Catalog, Department, Fee, Material, ServiceItem,
)
from counter_app.domain import garbled_text
from counter_app.domain.catalog_version import parse_version
from counter_app.errors import UserError

FORMAT = "counter-catalog/1"
MAX_CODE = 64
# Bounds that no real catalog comes near and that keep every later step (deadlines, receipts,
# search keys) quick: a legal limit of 1,000 working days is four years.
MAX_DAYS = 1000
MAX_COPIES = 50
MAX_NAME = 300          # item and bundle names
MAX_SHORT_NAME = 200    # departments and materials
MAX_NOTE = 500          # notes and fee bases
MAX_ALIAS = 100
MAX_ALIASES = 50
MAX_AMOUNT_DIGITS = 8   # yuan before the point: at most 99,999,999.99
_PLAIN_AMOUNT = re.compile(rf"\d{{1,{MAX_AMOUNT_DIGITS}}}(\.\d{{1,2}})?", re.ASCII)


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


class _HugeNumber:
    """A JSON integer too long to be any catalog value (Python refuses to convert past 4,300
    digits); kept as text so the check can name its place."""

    def __init__(self, digits: str) -> None:
        self.digits = digits


def _int(digits: str) -> int | _HugeNumber:
    return int(digits) if len(digits.lstrip("-")) <= 18 else _HugeNumber(digits)


class _Collector:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.texts: list[tuple[str, str]] = []     # (place, text) of every name, for the Big5 check

    def add(self, place: str, key: str, detail: str = "") -> None:
        self.problems.append(Problem(place, key, detail))

    def text(self, obj: dict, name: str, place: str, *, required: bool = True, max_len: int = MAX_NAME,
             multiline: bool = False) -> str:
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
        if not self.readable(value, _at(place, name), max_len=max_len, multiline=multiline):
            return ""
        return value

    def readable(self, value: str, place: str, *, max_len: int, multiline: bool = False) -> bool:
        """Length, characters that cannot be stored or shown, and 乱码; False if refused."""
        if len(value) > max_len:
            self.add(place, "catalog.too_long", str(max_len))
            return False
        if garbled_text.doubly_encoded(value) or garbled_text.big5_read_as_gbk(value):
            self.add(place, "catalog.garbled", garbled_text.shown(value))
            return False
        if garbled_text.bad_characters(value, multiline=multiline):
            self.add(place, "catalog.bad_characters")
            return False
        self.texts.append((place, value))
        return True

    def integer(self, obj: dict, name: str, place: str, *, minimum: int = 0, maximum: int,
                default: int | None = None) -> int:
        value = obj.get(name)
        if value is None:
            if default is None:
                self.add(_at(place, name), "catalog.missing")
                return 0
            value = default
        if isinstance(value, _HugeNumber):
            self.add(_at(place, name), "catalog.too_large", str(maximum))
            return 0
        if isinstance(value, bool) or not isinstance(value, int):
            self.add(_at(place, name), "catalog.not_integer")
            return 0
        if value < minimum:
            self.add(_at(place, name), "catalog.too_small", str(minimum))
        if value > maximum:
            self.add(_at(place, name), "catalog.too_large", str(maximum))
            return 0
        return value

    def summarize_garbled(self, shown: int = 3) -> None:
        """A garbled file is garbled everywhere: a few examples and one line saying what to do."""
        garbled = [p for p in self.problems if p.key == "catalog.garbled"]
        if garbled:
            self.problems = [p for p in self.problems if p.key != "catalog.garbled"] + garbled[:shown]
            self.add("$", "catalog.garbled_file")

    def garbled_file(self) -> None:
        """Big5 read as GBK shows in the file as a whole: most of its characters are rare."""
        if garbled_text.mostly_rare([t for _, t in self.texts]):
            worst = sorted(self.texts, key=lambda pt: -garbled_text.rare_share(pt[1]))[:3]
            for place, text in worst:
                self.add(place, "catalog.garbled", garbled_text.shown(text))

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
    # A plain decimal: "550.00", "80" or 12.5, never an exponent ("1e999999999" took 13 s to
    # format and then failed in the database), a sign, separators or more than two decimals.
    if isinstance(amount_text, float) and amount_text.is_integer() and abs(amount_text) < 1e15:
        amount_text = f"{amount_text:.1f}"
    elif isinstance(amount_text, (int, float)) and not isinstance(amount_text, bool):
        amount_text = repr(amount_text)
    if isinstance(amount_text, str) and _PLAIN_AMOUNT.fullmatch(amount_text):
        amount = Decimal(amount_text)
    else:
        c.add(f"{place}.amount", "catalog.bad_amount")
        amount = Decimal(0)
    return Fee(amount=amount, basis=c.text(raw, "basis", place, required=False, max_len=MAX_NOTE,
                                           multiline=True))


def _material(c: _Collector, raw: dict, place: str) -> Material:
    copies = c.integer(raw, "copies", place, minimum=0, maximum=MAX_COPIES, default=1)
    return Material(
        code=c.text(raw, "code", place, max_len=MAX_CODE),
        name=c.text(raw, "name", place, max_len=MAX_SHORT_NAME),
        required=c.boolean(raw, "required", place, True),
        form=c.choice(raw, "form", place, FORMS, default="original"),
        copies=copies,
        gap_allowed=c.boolean(raw, "gap_allowed", place, False),
        note=c.text(raw, "note", place, required=False, max_len=MAX_NOTE, multiline=True),
    )


def _item(c: _Collector, raw: dict, place: str, departments: set[str]) -> ServiceItem:
    department = c.text(raw, "department", place, max_len=MAX_CODE)
    if department and department not in departments:
        c.add(f"{place}.department", "catalog.unknown_department", department)
    aliases = raw.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        c.add(f"{place}.aliases", "catalog.not_text_list")
        aliases = []
    elif len(aliases) > MAX_ALIASES:
        c.add(f"{place}.aliases", "catalog.too_many", str(MAX_ALIASES))
        aliases = []
    elif not all(c.readable(a.strip(), f"{place}.aliases", max_len=MAX_ALIAS) for a in aliases):
        aliases = []
    types = raw.get("applicant_types", ["person"])
    if not isinstance(types, list) or not types or any(t not in APPLICANT_TYPES for t in types):
        c.add(f"{place}.applicant_types", "catalog.bad_choice", " / ".join(APPLICANT_TYPES))
        types = ["person"]
    legal = c.integer(raw, "legal_days", place, maximum=MAX_DAYS)
    promised = c.integer(raw, "promised_days", place, maximum=MAX_DAYS)
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
        d = Department(code=c.text(raw, "code", place, max_len=MAX_CODE),
                       name=c.text(raw, "name", place, max_len=MAX_SHORT_NAME))
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

    if not c.problems:
        c.garbled_file()
    c.summarize_garbled()
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
        data = json.loads(text, parse_int=_int)
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
