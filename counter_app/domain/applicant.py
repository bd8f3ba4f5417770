"""Whether an applicant can be taken as entered, and whether the chosen items are offered to them."""

from __future__ import annotations

from counter_app.domain import credit_code, id_number
from counter_app.domain.case import Applicant
from counter_app.domain.catalog import LEGAL_ENTITY


def applicant_problem(a: Applicant) -> str:
    """A message key when the applicant cannot be taken as entered, else ""."""
    if not a.name.strip():
        return "applicant.name_missing"
    if a.kind == LEGAL_ENTITY:
        if not a.org_name.strip():
            return "applicant.org_missing"
        bad = credit_code.problem(a.credit_code)
        if bad:
            return bad
    if a.id_type == "resident":
        return id_number.check(a.id_number).problem
    if not a.id_number.strip():
        return "applicant.id_missing"
    return ""


def number_complete(id_type: str, number: str) -> bool:
    """Whether an ID number is whole (so it is masked on screen): a resident number with the right
    check digit; any other document's number once it is there (their formats vary by edition)."""
    if id_type == "resident":
        return id_number.check(number).valid
    return bool(id_number.normalize(number or ""))


def type_mismatch(items, kind: str) -> str:
    """A message key when an item is not offered to this kind of applicant, else ""."""
    if any(kind not in i.applicant_types for i in items):
        return f"intake.not_for.{kind}"
    return ""
