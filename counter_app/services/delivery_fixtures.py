"""Stations and cases for the department simulator's users (tests, the benchmark, the demo's
load runs): a catalog with one simple item per department, and accepted cases through the real
intake service."""

from __future__ import annotations

import copy
import datetime as dt
import json
import random
from pathlib import Path

from counter_app.domain.case import RECEIVED_COPY, RECEIVED_ORIGINAL, MaterialCheck, merge_materials
from counter_app.domain.catalog import ORIGINAL
from counter_app.services.demo_cases import random_applicant
from counter_app.services.intake import IntakeRequest, submit_intake

ITEM = {"name": "{dept}事项", "aliases": [], "kind": "immediate", "legal_days": 15, "promised_days": 1,
        "fee": None, "applicant_types": ["person"],
        "materials": [{"code": "M1", "name": "申请表", "required": True, "form": "original", "copies": 1,
                       "gap_allowed": False, "note": ""}]}


def catalog_for(departments: list[tuple[str, str]], path: Path, version: str = "2026.12.01") -> Path:
    items = []
    for n, (code, name) in enumerate(departments):
        item = copy.deepcopy(ITEM)
        item.update(code=f"9{n:011d}", name=f"{name}事项", department=code)
        items.append(item)
    data = {"format": "counter-catalog/1", "version": version, "region": "330402",
            "departments": [{"code": c, "name": nm} for c, nm in departments], "items": items, "bundles": []}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def accept_cases(*, store, settings, catalog, calendar, item_codes: list[str], count: int,
                 seed: int = 1) -> list:
    """``count`` accepted cases, round robin over ``item_codes``."""
    rng = random.Random(seed)
    today = dt.date.today()
    out = []
    for n in range(count):
        item = catalog.item(item_codes[n % len(item_codes)])
        checks = {ln.key: MaterialCheck(RECEIVED_ORIGINAL if ln.form == ORIGINAL else RECEIVED_COPY)
                  for ln in merge_materials([item])}
        req = IntakeRequest(applicant=random_applicant(rng, today), item_codes=(item.code,),
                            checks=tuple(checks.items()), outcome="accept")
        out.append(submit_intake(store=store, settings=settings, catalog=catalog, calendar=calendar, request=req))
    return out
