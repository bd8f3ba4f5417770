"""The documents a case can hand out, and which ones an intake outcome owes the applicant.

A rule, not rendering: the intake service records the owed documents as jobs in the case's
transaction (without importing reportlab); ``counter_app.documents`` renders them.
"""

from __future__ import annotations

from counter_app.domain.case_status import ACCEPT, ACCEPT_WITH_GAPS, NOTICE, REJECT

RECEIPT, NOTICE_DOC, GAP_PROMISE, REJECTION, DELIVERY, HANDOVER = (
    "receipt", "notice", "gap_promise", "rejection", "delivery", "handover")
KINDS = (RECEIPT, NOTICE_DOC, GAP_PROMISE, REJECTION, DELIVERY, HANDOVER)
CASE_KINDS = KINDS[:-1]     # one case each; the handover sheet takes many

_FOR_OUTCOME = {ACCEPT: (RECEIPT,), ACCEPT_WITH_GAPS: (RECEIPT, GAP_PROMISE), NOTICE: (NOTICE_DOC,),
                REJECT: (REJECTION,)}


def kinds_for_outcome(outcome: str) -> tuple[str, ...]:
    """What the applicant takes away after an intake with this outcome."""
    return _FOR_OUTCOME.get(outcome, ())
