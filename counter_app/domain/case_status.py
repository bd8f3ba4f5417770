"""The one vocabulary of a case's life: what can happen to it (event kinds) and the state it is
then in (status). Services, the store, documents, the sync and the sample cases all use these names.

The values are stored (``case_record.status``, ``case_event.kind``) and synced to the central
server: never rename one, only add. The intake outcomes are event kinds too, so an outcome code
is also the kind of the event that records it. Every kind either moves the case to one fixed
status (``STATUS_AFTER``) or leaves it where it is (``STAYING``: things shown in the history that
restart nothing, such as a 补正 asked during review). Which kind may follow which status, the
labels and the GB/T 39046 codes are in ``domain.lifecycle``.
"""

from __future__ import annotations

from collections.abc import Iterable

# Event kinds (case_event.kind): what happened. Intake:
RECEIVE = "receive"                # 收件: the papers were taken in
ACCEPT = "accept"                  # 受理
ACCEPT_WITH_GAPS = "accept_gaps"   # 容缺受理: accepted, some materials promised later
NOTICE = "notice"                  # 一次性告知 (补正): told once, in writing, everything still missing
REJECT = "reject"                  # 不予受理
OUTCOMES = (ACCEPT, ACCEPT_WITH_GAPS, NOTICE, REJECT)    # how an intake ends
# After intake (issue 10):
SUPPLEMENT = "supplement"          # 补齐补正: the notified papers are brought, the case is 收件 again
REVIEW = "review"                  # 转入审查: the back office took the case
CORRECTION = "correction"          # 审查中补正告知: shown, restarts nothing
CORRECTED = "corrected"            # 审查中补齐补正: shown, restarts nothing
SUSPEND = "suspend"                # 进入特别程序 (听证、专家评审、检验检测…): the clock stops
RESUME = "resume"                  # 特别程序结束: the clock runs again
GAP_DELIVERED = "gap_delivered"    # 容缺材料补齐: one promised material arrived
APPROVE = "approve"                # 决定：准予许可
APPROVE_WITH_GAPS = "approve_gaps"  # 决定：容缺通过 (decided before every promised material came)
DENY = "deny"                      # 决定：不予许可
CONCLUDE = "conclude"              # 办结
RESULT_READY = "result_ready"      # 结果到窗口：待出件
ISSUE = "issue"                    # 出件 / 送达 (payload "method": pickup | post)
WITHDRAW = "withdraw"              # 撤回 (the applicant's request)
REVOKE = "revoke"                  # 撤销 (a granted permit taken back)
TERMINATE = "terminate"            # 终止: a 容缺 promise not kept
LIFECYCLE_KINDS = (SUPPLEMENT, REVIEW, CORRECTION, CORRECTED, SUSPEND, RESUME, GAP_DELIVERED, APPROVE,
                   APPROVE_WITH_GAPS, DENY, CONCLUDE, RESULT_READY, ISSUE, WITHDRAW, REVOKE, TERMINATE)
# 集中时段交接 (services.handover): the papers went to the back office in a batch, and the back
# office confirmed them received, or found the case missing from the batch. They do not move the
# status (``STAYING``); the payload names the batch.
HANDED_OVER = "handover"
HANDOVER_RECEIVED = "handover_received"
HANDOVER_MISSING = "handover_missing"
HANDOVER_KINDS = (HANDED_OVER, HANDOVER_RECEIVED, HANDOVER_MISSING)
# 好差评 (issue 11, domain.evaluation): recorded with the case, the status stays where it is
RATE = "rate"                      # the applicant's rating of one stage (受理 / 出件)
FOLLOW_UP = "follow_up"            # 差评整改: opened by a bad rating, then worked and closed
EVALUATION_KINDS = (RATE, FOLLOW_UP)
# Who looked at whose data (issue 13, services.access_log): accountable access, the status stays
LOOKED_UP = "looked_up"            # 一证通办: the person's earlier cases were shown at a window
REPRINTED = "reprinted"            # a document of the case was printed again (payload "kinds")
EXPORTED = "exported"              # the case was in an export (payload "what": the file's kind)
ACCESS_KINDS = (LOOKED_UP, REPRINTED, EXPORTED)
EVENT_KINDS = (RECEIVE, *OUTCOMES, *LIFECYCLE_KINDS, *HANDOVER_KINDS, *EVALUATION_KINDS, *ACCESS_KINDS)
# Issue 9: what a department's own system says about the case. Not steps of the lifecycle (no clerk
# takes them, the status stays); events like the others, so they are kept and synced.
DEPT_DELIVERED = "dept_delivered"  # 推送成功: the department's system took it; payload has its reference
DEPT_STATUS = "dept_status"        # the department's system reports a new status
DEPARTMENT_KINDS = (DEPT_DELIVERED, DEPT_STATUS)

# Statuses (case_record.status): where the case stands
RECEIVED = "received"              # 收件, no decision yet
ACCEPTED = "accepted"              # 已受理 (also 容缺受理)
NOTIFIED = "notified"              # 补正: 一次性告知 given, waiting for the papers
REJECTED = "rejected"              # 不予受理
REVIEWING = "reviewing"            # 审查
SUSPENDED = "suspended"            # 特别程序 (clock stopped)
APPROVED = "approved"              # 决定：准予
APPROVED_WITH_GAPS = "approved_gaps"   # 决定：容缺通过
DENIED = "denied"                  # 决定：不予许可
CONCLUDED = "concluded"            # 办结
READY = "ready"                    # 待出件
ISSUED = "issued"                  # 出件 / 送达
WITHDRAWN = "withdrawn"            # 撤回
REVOKED = "revoked"                # 撤销
TERMINATED = "terminated"          # 终止
STATUSES = (RECEIVED, ACCEPTED, NOTIFIED, REJECTED, REVIEWING, SUSPENDED, APPROVED, APPROVED_WITH_GAPS,
            DENIED, CONCLUDED, READY, ISSUED, WITHDRAWN, REVOKED, TERMINATED)

STATUS_AFTER = {RECEIVE: RECEIVED, ACCEPT: ACCEPTED, ACCEPT_WITH_GAPS: ACCEPTED, NOTICE: NOTIFIED,
                REJECT: REJECTED, SUPPLEMENT: RECEIVED, REVIEW: REVIEWING, SUSPEND: SUSPENDED,
                RESUME: REVIEWING, APPROVE: APPROVED, APPROVE_WITH_GAPS: APPROVED_WITH_GAPS, DENY: DENIED,
                CONCLUDE: CONCLUDED, RESULT_READY: READY, ISSUE: ISSUED, WITHDRAW: WITHDRAWN,
                REVOKE: REVOKED, TERMINATE: TERMINATED}
# shown in the history, the status stays
STAYING = (CORRECTION, CORRECTED, GAP_DELIVERED, *HANDOVER_KINDS, *EVALUATION_KINDS, *ACCESS_KINDS)


def status_after(kind: str) -> str:
    """The status a case is in right after an event of ``kind`` (an outcome is one)."""
    try:
        return STATUS_AFTER[kind]
    except KeyError:
        raise ValueError(f"unknown case event kind {kind!r}") from None


def status_from(kinds: Iterable[str]) -> str | None:
    """The current status derived from a case's event kinds, oldest first; None without events.
    Kinds that do not move the state (``STAYING``) are skipped."""
    status = None
    for kind in kinds:
        status = STATUS_AFTER.get(kind, status)
    return status
