"""Working the department delivery queue (issue 9), off the GUI thread.

Each department is a **lane**: one thread of the deliverer's own pool claims that department's
due rows, hands them to its connector and settles each answer in its own short transaction. A
department that is down, hangs until its timeout, answers garbage or refuses the credentials
holds only its own lane; intake and the other departments go on. Database steps run through
``db(fn)``: ``fn(store)`` on the window's one writer thread (the GUI passes the writer), or
directly on the store (the command line, the tests).

Failures follow their class (``connectors.base``): down / garbage → retry after capped
exponential backoff with full jitter (``sync.retry.Backoff``), parked after ``max_failures``;
credentials missing or refused, or the department refusing the case → parked at once with the
reason (credentials: until the clerk enters new ones, then they go out again by themselves).
"""

from __future__ import annotations

import datetime as dt
import random
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Callable

from counter_app.connectors import credentials as creds_mod
from counter_app.connectors.base import CREDENTIALS, DOWN, GARBAGE, REFUSED, Ack, DeliveryError, Submission
from counter_app.connectors.registry import Registry
from counter_app.services import delivery_payload
from counter_app.store import delivery as queue
from counter_app.sync.retry import Backoff

DEFAULT_MAX_FAILURES = 8
LANES = 32


@dataclass(frozen=True)
class Policy:
    max_failures: int = DEFAULT_MAX_FAILURES
    backoff_base: float = 2.0        # seconds; the n-th retry waits up to base * 2**n
    backoff_cap: float = 300.0
    per_round: int = 20              # rows a lane takes at a time
    rng: random.Random = field(default_factory=random.Random, repr=False, compare=False)

    def retry_in(self, attempts: int) -> float:
        return Backoff(self.backoff_base, self.backoff_cap, failures=attempts, rng=self.rng).next_delay()


@dataclass(frozen=True)
class Change:
    """What a settled answer changed, for the window (no personal data)."""
    case_id: str
    case_number: str
    department: str
    state: str
    reference: str = ""
    status: str = ""
    reason: str = ""


@dataclass(frozen=True)
class _Work:
    job: queue.Job
    values: dict = field(repr=False)



class Deliverer:
    def __init__(self, db: Callable[[Callable[[Any], Any]], Any], registry: Registry, *,
                 policy: Policy | None = None, on_change: Callable[[list[Change]], None] | None = None,
                 lanes: int = LANES, clock: Callable[[], dt.datetime] = dt.datetime.now) -> None:
        self.db = db
        self.registry = registry
        self.policy = policy or Policy()
        self.on_change = on_change
        self.clock = clock
        self._pool = ThreadPoolExecutor(max_workers=lanes, thread_name_prefix="dept-lane")
        self._busy: dict[str, Future] = {}
        self._lock = threading.Lock()
        self._closed = False

    # ------------------------------------------------------------------ scheduling
    def due_departments(self) -> list[str]:
        now = self.clock()

        def read(store):
            with store.session() as s:
                return sorted(queue.due_departments(s, now))
        return self.db(read)

    def kick(self) -> list[Future]:
        """Start a lane for each department with due work whose lane is not already running."""
        started = []
        for dept in self.due_departments():
            with self._lock:
                if self._closed:
                    break
                running = self._busy.get(dept)
                if running is not None and not running.done():
                    continue
                fut = self._pool.submit(self.run_lane, dept)
                self._busy[dept] = fut
            started.append(fut)
        return started

    def run_once(self, timeout: float | None = None) -> int:
        """Every due department once, waiting for the lanes; returns how many rows were worked."""
        futures = self.kick()
        return sum(f.result(timeout=timeout) for f in futures)

    def close(self) -> None:
        with self._lock:
            self._closed = True
        self._pool.shutdown(wait=False, cancel_futures=True)

    # ------------------------------------------------------------------ one department
    def run_lane(self, department: str) -> int:
        desc = self.registry.description(department)
        connector = self.registry.connector(department)
        policy = self.policy
        if desc is not None and desc.max_failures:
            policy = Policy(desc.max_failures, policy.backoff_base, policy.backoff_cap, policy.per_round, policy.rng)
        now = self.clock()
        manual = connector is None or desc.kind == "manual"
        work = self.db(lambda store: self._claim(store, department, now, manual, policy.per_round))
        if manual:
            if work and self.on_change:
                self.on_change([Change(w.job.case_id, w.job.case_number, department, queue.MANUAL) for w in work])
            return len(work)
        poll_after = dt.timedelta(seconds=desc.poll_seconds)
        # answers are settled together, one transaction per round of the lane (a commit is an
        # fsync): a kill before it only means those cases go out again under the same client id
        answers = []
        for w in work:
            if self._closed:
                break
            answers.append(self._attempt(w, desc, connector))
            if answers[-1][2] is not None and answers[-1][2].failure == DOWN:
                break               # the system is down: the rest of this round waits with this one
        skipped = [w.job.id for w in work[len(answers):]]
        if answers:
            changes = self.db(lambda store: self._settle_all(store, answers, policy, poll_after, skipped))
            if changes and self.on_change:
                self.on_change(changes)
        return len(answers)

    def _claim(self, store, department: str, now: dt.datetime, manual: bool, limit: int) -> list[_Work]:
        if manual:
            with store.transaction() as s:
                jobs = queue.due_sends(s, now, per_department=limit, departments=[department])
                for j in jobs:
                    queue.manual(s, j.id, now=now)
                return [_Work(j, {}) for j in jobs]
        with store.session() as s:        # a read: nothing is marked, the settling says what happened
            jobs = queue.due_sends(s, now, per_department=limit, departments=[department])
            jobs += queue.due_polls(s, now, per_department=limit, departments=[department])
            return [_Work(j, delivery_payload.values(s, j.case_id, department, j.id)) for j in jobs]

    def _credentials(self, desc, clerk: str) -> dict:
        if not desc.credential_fields:
            return {}
        try:
            found = creds_mod.load(clerk, desc.system)
        except creds_mod.KeyringUnavailable:
            raise DeliveryError(CREDENTIALS, "departments.no_keyring") from None
        if not found:
            raise DeliveryError(CREDENTIALS, "departments.credentials_missing", desc.system)
        return found

    def _attempt(self, w: _Work, desc, connector) -> tuple:
        job = w.job
        started = time.monotonic()
        try:
            sub = Submission(job.id, job.department, job.case_number, w.values, self._credentials(desc, job.clerk))
            ack = connector.submit(sub) if job.state == queue.PENDING else connector.status(sub, job.reference)
            error = None
        except DeliveryError as exc:
            ack, error = None, exc
        except Exception as exc:  # noqa: BLE001 - a connector bug is this department's garbage, not a crash
            ack, error = None, DeliveryError(GARBAGE, "departments.garbage", type(exc).__name__)
        latency = time.monotonic() - started
        slow = desc.http is not None and latency > desc.http.slow_after
        return job, ack, error, latency, slow, self.clock()

    def _settle_all(self, store, answers, policy: Policy, poll_after, skipped=()) -> list[Change]:
        with store.transaction() as s:
            changes = [self._settle(s, *a, policy=policy, poll_after=poll_after) for a in answers]
            if skipped:
                queue.defer(s, skipped, until=queue.next_at(s, answers[-1][0].id))
        return [c for c in changes if c is not None]

    def _settle(self, s, job: queue.Job, ack: Ack | None, error: DeliveryError | None, latency: float, slow: bool,
                now, *, policy: Policy, poll_after) -> Change | None:
        if error is None:
            queue.note_link(s, job.department, now=now, latency=latency, slow=slow)
            if job.state == queue.PENDING:
                ok = queue.delivered(s, job.id, reference=ack.reference, status=ack.status, raw_status=ack.raw_status,
                                     final=ack.final, now=now, poll_at=now + poll_after)
            else:
                ok = queue.status_seen(s, job.id, reference=ack.reference, status=ack.status,
                                       raw_status=ack.raw_status, final=ack.final, now=now, poll_at=now + poll_after)
            if not ok:
                return None
            state = queue.DONE if ack.final else queue.DELIVERED
            return Change(job.case_id, job.case_number, job.department, state, ack.reference or job.reference,
                          ack.status)
        queue.note_link(s, job.department, now=now, failure=error.failure, reason=error.reason, latency=latency,
                        slow=slow)
        park = error.failure in (CREDENTIALS, REFUSED) or (
            job.state == queue.PENDING and job.attempts + 1 >= policy.max_failures)
        if job.state == queue.DELIVERED and error.failure != REFUSED:
            park = False          # acknowledged already: only the status is late; keep asking
        retry_at = None if park else now + dt.timedelta(seconds=policy.retry_in(job.attempts))
        state = queue.failed(s, job.id, failure=error.failure, reason=error.reason, detail=error.detail,
                             now=now, retry_at=retry_at)
        return Change(job.case_id, job.case_number, job.department, state, job.reference, job.dept_status,
                      error.reason)


def direct_db(store) -> Callable:
    """``db`` for callers with the store in hand (command line, tests, benchmark): each step on the
    calling lane's thread with a connection of its own. Reads run side by side (WAL); writes queue
    at SQLite's write lock (BEGIN IMMEDIATE, busy timeout), as two windows on one folder do."""
    return lambda fn: fn(store)


def resend(store, case_number: str, *, department: str | None = None, now: dt.datetime | None = None) -> int:
    from counter_app.errors import UserError

    with store.transaction() as s:
        n = queue.resend(s, case_number, now=now or dt.datetime.now(), department=department)
    if n < 0:
        raise UserError("departments.no_such_case", number=case_number)
    return n


def credentials_saved(store, clerk: str, departments, *, now: dt.datetime | None = None) -> int:
    with store.transaction() as s:
        return queue.resume_credentials(s, clerk, departments, now=now or dt.datetime.now())


__all__ = ["Deliverer", "Policy", "Change", "direct_db", "resend", "credentials_saved", "DOWN", "GARBAGE"]


def resend_department(store, department: str, *, now: dt.datetime | None = None) -> int:
    with store.transaction() as s:
        return queue.resend_parked(s, department, now=now or dt.datetime.now())


def rejected_departments(store, clerk: str) -> set[str]:
    with store.session() as s:
        return queue.rejected_credentials(s, clerk)


def credential_states(registry: Registry, clerk: str, rejected: set[str]) -> list[tuple]:
    """(description, state) per system needing credentials: "saved", "missing", "rejected"
    (``rejected``: departments that refused them, :func:`rejected_departments`), or "no_keyring".
    Reads the keyring (may block on D-Bus: call off the GUI thread)."""
    keyring_problem = creds_mod.available()
    out = []
    for desc in registry.descriptions:
        if not desc.credential_fields:
            continue
        if keyring_problem:
            state = "no_keyring"
        elif set(desc.departments) & rejected:
            state = "rejected"
        else:
            try:
                state = "saved" if creds_mod.load(clerk, desc.system) else "missing"
            except creds_mod.KeyringUnavailable:
                state = "no_keyring"
        out.append((desc, state))
    return out


def record_by_hand(store, case_number: str, department: str, *, status: str, reference: str = "",
                   clerk: str, now: dt.datetime | None = None) -> None:
    """``counter-app departments answer``: what a manual department answered, entered by hand."""
    from counter_app.connectors.description import STATUSES
    from counter_app.errors import UserError

    if status not in STATUSES:
        raise UserError("departments.bad_status", choices=" ".join(STATUSES))
    with store.transaction() as s:
        ok = queue.answered_by_hand(s, case_number, department, status=status, reference=reference.strip(),
                                    clerk=clerk, now=now or dt.datetime.now())
    if not ok:
        raise UserError("departments.no_manual_delivery", number=case_number, department=department)
