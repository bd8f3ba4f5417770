"""统一出件 and 送达: who may collect a result, and what a posting must record.

At the window the result goes to the applicant (for a company: the person who applied for it)
on their own ID card, or to an agent on the agent's card with the written authorisation
(授权委托书) seen and noted. By post (邮寄送达) the recipient, phone, address, courier and
tracking number are recorded (the 送达 fields of GB/T 39046's 办件结果信息: 送达方式, 送达时间,
收件人, 联系电话, 邮寄地址, 快递公司, 快递单号).

The people's names, ID numbers, phones and addresses stay in the window's database
(``case_delivery``); the case event that closes the case (``case_status.ISSUE``) carries only
``delivery_payload``: how, who in which role, whether a card was read, the courier and the
tracking number.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from counter_app.domain import id_number
from counter_app.domain.case import PICKUP, POST, CaseRecord

APPLICANT, AGENT = "applicant", "agent"
ROLES = (APPLICANT, AGENT)
COURIERS = ("ems", "sf", "jd", "yto", "zto", "sto", "yunda", "other")     # label: issuing.courier.<key>
_TRACKING = re.compile(r"^[0-9A-Za-z-]{6,40}$")
_PHONE = re.compile(r"^[0-9+\- ]{7,20}$")


@dataclass(frozen=True)
class Collector:
    """Who takes the result at the window. ``card_read``: the ID came from the card on the reader."""
    name: str = field(repr=False)
    id_number: str = field(repr=False)
    card_read: bool = False
    authorisation: str = field(default="", repr=False)   # what the written authorisation is (agents)


@dataclass(frozen=True)
class Posting:
    recipient: str = field(repr=False)
    phone: str = field(repr=False)
    address: str = field(repr=False)
    courier: str = "ems"
    tracking_number: str = ""
    postcode: str = ""


@dataclass(frozen=True)
class Delivery:
    """A result handed over or posted, as recorded."""
    method: str                       # PICKUP | POST
    at: dt.datetime
    clerk: str
    window: str
    role: str = APPLICANT             # at the window: APPLICANT | AGENT
    collector: Collector | None = None
    posting: Posting | None = None


def role_of(record: CaseRecord, collector_id: str) -> str:
    """The applicant's own card, or anyone else's (an agent)."""
    same = id_number.normalize(collector_id) == id_number.normalize(record.applicant.id_number)
    return APPLICANT if same and collector_id.strip() else AGENT


def collector_problem(record: CaseRecord, collector: Collector) -> str | None:
    """The message key of why this person may not take the result now, or None."""
    if not collector.name.strip() or not collector.id_number.strip():
        return "issuing.collector_needed"
    if role_of(record, collector.id_number) == AGENT and not collector.authorisation.strip():
        return "issuing.authorisation_needed"
    return None


def posting_problem(posting: Posting) -> str | None:
    if not posting.recipient.strip():
        return "issuing.recipient_needed"
    if not _PHONE.match(posting.phone.strip()):
        return "issuing.phone_needed"
    if len(posting.address.strip()) < 6:
        return "issuing.address_needed"
    if posting.courier not in COURIERS:
        return "issuing.courier_needed"
    if not _TRACKING.match(posting.tracking_number.strip()):
        return "issuing.tracking_needed"
    return None


def delivery_payload(delivery: Delivery) -> dict:
    """What the ISSUE event carries: no names, numbers, phones or addresses."""
    out = {"method": delivery.method}
    if delivery.method == PICKUP and delivery.collector is not None:
        out.update(collector=delivery.role, card_read=delivery.collector.card_read,
                   authorisation=bool(delivery.collector.authorisation.strip()))
    if delivery.method == POST and delivery.posting is not None:
        out.update(courier=delivery.posting.courier, tracking_number=delivery.posting.tracking_number.strip())
    return out
