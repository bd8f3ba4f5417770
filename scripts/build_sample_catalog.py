#!/usr/bin/env python3
"""Builds ``resources/catalog/sample_catalog.json``: the sample catalog of a county-level
government service hall (region 330402) in the ``counter-catalog/1`` format.

The data tables live in ``scripts/sample_catalog/`` (their line format is described in
``sample_catalog/__init__.py``). The output is deterministic, so the file can be rebuilt and
compared at any time:

    python scripts/build_sample_catalog.py           # (re)write the file
    python scripts/build_sample_catalog.py --check   # exit 1 if the file is not up to date
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for _path in (str(ROOT), str(HERE)):
    if _path not in sys.path:
        sys.path.insert(0, _path)

from sample_catalog import business, estate, industry, police, public, social  # noqa: E402
from sample_catalog.bundles import BUNDLES  # noqa: E402
from sample_catalog.shared import FEES, MATERIALS  # noqa: E402

FORMAT = "counter-catalog/1"
VERSION = "2026.11.01"
REGION = "330402"
OUTPUT = ROOT / "resources" / "catalog" / "sample_catalog.json"
MODULES = (business, social, police, estate, public, industry)

KINDS = {"J": "immediate", "C": "promised"}
APPLICANTS = {"P": ["person"], "E": ["legal_entity"], "PE": ["person", "legal_entity"]}
ITEM_TYPES = {"01", "04", "05", "07", "09", "10", "20"}
FORM_FLAGS = {"r": "original", "c": "copy", "e": "either", "x": "electronic"}
TOKEN = re.compile(r"^(?P<name>[^\[\]#]+?)\s*(?:\[(?P<flags>[a-z0-9]*)\])?\s*(?:#(?P<note>.*))?$")
NEVER_GAP = {MATERIALS["ID"][0], MATERIALS["HK"][0], MATERIALS["BL"][0]}


class DataError(ValueError):
    """A mistake in the data tables (reported with its department and line)."""


def department_code(number: int) -> str:
    """The department's 6-digit local code."""
    return f"402{number:03d}"


def parse_material(token: str, where: str) -> dict:
    m = TOKEN.match(token.strip())
    if not m:
        raise DataError(f"{where}: unreadable material {token!r}")
    name = m["name"].strip()
    if name.startswith("$"):
        if name[1:] not in MATERIALS:
            raise DataError(f"{where}: unknown shared material {name}")
        name, form, copies, required, gap, note = MATERIALS[name[1:]]
    else:
        form, copies, required, gap, note = "original", 1, True, False, ""
    flags = m["flags"] or ""
    digits = "".join(ch for ch in flags if ch.isdigit())
    if digits:
        copies = int(digits)
    for ch in flags:
        if ch.isdigit():
            continue
        if ch in FORM_FLAGS:
            form = FORM_FLAGS[ch]
        elif ch in "oq":
            required = ch == "q"
        elif ch in "gn":
            gap = ch == "g"
        else:
            raise DataError(f"{where}: unknown flag {ch!r} in {token!r}")
    if m["note"] is not None:
        note = m["note"].strip()
    if gap and name in NEVER_GAP:
        raise DataError(f"{where}: {name} may never be missing at intake")
    return {"name": name, "required": required, "form": form, "copies": copies,
            "gap_allowed": gap, "note": note}


def parse_item(line: str, code: str, department: str, where: str) -> dict:
    fields = [f.strip() for f in line.split("|")]
    if len(fields) != 5:
        raise DataError(f"{where}: expected 5 fields, got {len(fields)}")
    name, alias_text, meta, applicants, material_text = fields
    meta_parts = meta.split()
    if len(meta_parts) not in (3, 4):
        raise DataError(f"{where}: bad type/kind/days field {meta!r}")
    item_type, kind, days = meta_parts[:3]
    fee_key = meta_parts[3] if len(meta_parts) == 4 else None
    if item_type not in ITEM_TYPES or kind not in KINDS or applicants not in APPLICANTS:
        raise DataError(f"{where}: bad item type, kind or applicant type in {line!r}")
    legal, promised = (int(x) for x in days.split("/"))
    if promised > legal or (kind == "J" and promised > 1) or (kind == "C" and promised < 1):
        raise DataError(f"{where}: implausible time limits {days} for kind {kind}")
    aliases = [a.strip() for a in alias_text.split(",") if a.strip()]
    if len(aliases) > 3 or len(set(aliases)) != len(aliases) or name in aliases:
        raise DataError(f"{where}: 0-3 distinct aliases, not the name itself")
    if fee_key is not None and fee_key not in FEES:
        raise DataError(f"{where}: unknown fee {fee_key}")
    materials = [parse_material(t, where) for t in material_text.split(";") if t.strip()]
    names = [mat["name"] for mat in materials]
    if not 2 <= len(materials) <= 8 or len(set(names)) != len(names):
        raise DataError(f"{where}: 2-8 materials with distinct names, got {names}")
    fee = None
    if fee_key is not None:
        amount, basis = FEES[fee_key]
        fee = {"amount": amount, "basis": basis}
    return {
        "code": code, "name": name, "aliases": aliases, "department": department,
        "kind": KINDS[kind], "legal_days": legal, "promised_days": promised, "fee": fee,
        "applicant_types": APPLICANTS[applicants],
        "materials": [{"code": f"M{n}", **mat} for n, mat in enumerate(materials, 1)],
    }


def parse_department(number: int, table: str) -> list[dict]:
    """One department's items; codes are dept(6) + item type(2) + main(3) + sub(3)."""
    department = department_code(number)
    items: list[dict] = []
    main = sub = 0
    for lineno, raw in enumerate(table.strip().splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        where = f"department {number} ({department}), line {lineno}"
        if line.startswith("+"):
            if not main:
                raise DataError(f"{where}: a sub-item needs a main item above it")
            sub += 1
            line = line[1:]
        else:
            main, sub = main + 1, 0
        item_type = line.split("|")[2].split()[0] if line.count("|") >= 2 else ""
        items.append(parse_item(line, f"{department}{item_type}{main:03d}{sub:03d}", department, where))
    return items


def build() -> dict:
    departments = sorted((d for module in MODULES for d in module.DEPARTMENTS), key=lambda d: d[0])
    numbers = [d[0] for d in departments]
    if len(set(numbers)) != len(numbers):
        raise DataError(f"duplicate department numbers: {numbers}")
    items: list[dict] = []
    for number, _name, table in departments:
        items.extend(parse_department(number, table))
    by_name: dict[str, str] = {}
    for item in items:
        if item["name"] in by_name:
            raise DataError(f"duplicate item name {item['name']}")
        by_name[item["name"]] = item["code"]
    bundles = []
    for n, (name, members) in enumerate(BUNDLES, 1):
        missing = [m for m in members if m not in by_name]
        if missing:
            raise DataError(f"bundle {name}: unknown items {missing}")
        bundles.append({"code": f"YJS{REGION}{n:03d}", "name": name,
                        "items": [by_name[m] for m in members]})
    return {
        "format": FORMAT, "version": VERSION, "region": REGION,
        "departments": [{"code": department_code(n), "name": name} for n, name, _ in departments],
        "items": items,
        "bundles": bundles,
    }


def build_text() -> str:
    return json.dumps(build(), ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--check", action="store_true", help="only check that the file is up to date")
    args = parser.parse_args(argv)
    try:
        text = build_text()
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    from counter_app.domain.catalog_format import parse_catalog_text

    catalog = parse_catalog_text(text)  # the app's own validation; raises on any problem
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is out of date: run python scripts/build_sample_catalog.py",
                  file=sys.stderr)
            return 1
    else:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")
    print(f"{args.output}: {len(catalog.departments)} departments, {len(catalog.items)} items, "
          f"{len(catalog.bundles)} bundles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
