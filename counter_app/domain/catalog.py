"""The service catalog: departments, items, their materials, and bundles (一件事)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

IMMEDIATE = "immediate"   # 即办件
PROMISED = "promised"     # 承诺件
KINDS = (IMMEDIATE, PROMISED)

ORIGINAL = "original"
COPY = "copy"
EITHER = "either"
ELECTRONIC = "electronic"
FORMS = (ORIGINAL, COPY, EITHER, ELECTRONIC)

PERSON = "person"
LEGAL_ENTITY = "legal_entity"
APPLICANT_TYPES = (PERSON, LEGAL_ENTITY)


@dataclass(frozen=True)
class Department:
    code: str
    name: str


@dataclass(frozen=True)
class Fee:
    amount: Decimal
    basis: str


@dataclass(frozen=True)
class Material:
    code: str
    name: str
    required: bool = True
    form: str = ORIGINAL
    copies: int = 1
    gap_allowed: bool = False
    note: str = ""


@dataclass(frozen=True)
class ServiceItem:
    code: str
    name: str
    department: str
    kind: str
    legal_days: int
    promised_days: int
    aliases: tuple[str, ...] = ()
    fee: Fee | None = None
    applicant_types: tuple[str, ...] = (PERSON,)
    materials: tuple[Material, ...] = ()


@dataclass(frozen=True)
class Bundle:
    code: str
    name: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class Catalog:
    version: str
    region: str
    departments: tuple[Department, ...] = ()
    items: tuple[ServiceItem, ...] = ()
    bundles: tuple[Bundle, ...] = ()
    _by_code: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_code.update({i.code: i for i in self.items})

    def item(self, code: str) -> ServiceItem | None:
        return self._by_code.get(code)

    def department_name(self, code: str) -> str:
        for d in self.departments:
            if d.code == code:
                return d.name
        return code
