"""The central server's HTTP API (FastAPI), every route under ``/api/v1``.

Thin routes: the work is in :mod:`admin`, :mod:`push`, :mod:`feed`. Every route but enrolment,
sign-in and health needs the device credential (``Authorization: Bearer <token>``); a device
only ever sees its own hall.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Header, HTTPException, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from counter_app.central import admin, feed, push
from counter_app.central.database import Database
from counter_app.central.idempotency import InProgress, Keeper, KeyReused, request_hash
from counter_app.central.models import Device
from counter_app.secrets_hash import check_verifier, make_verifier
from counter_app.errors import UserError

API = "/api/v1"
OFFLINE_DAYS = 14     # how long a window may verify a clerk offline after an online sign-in


class EnrolRequest(BaseModel):
    code: str = Field(max_length=64)


class EnrolReply(BaseModel):
    device_id: str
    token: str
    hall_code: str
    hall_name: str
    window_code: str


class PushRequest(BaseModel):
    entries: list[dict[str, Any]] = Field(max_length=push.MAX_BATCH)


class SignInRequest(BaseModel):
    login: str = Field(max_length=64)
    password: str = Field(max_length=256)


class SupervisionRequest(SignInRequest):
    """A supervisor of the hall (their own login and password) and the days, inclusive."""
    start: dt.date = Field(alias="from")
    end: dt.date = Field(alias="to")


def _db(request: Request) -> Database:
    return request.app.state.db


class DeviceCache:
    """Recently checked credentials, so a busy window's pushes do not each cost a database round
    trip for authentication. A revoked device is refused at most ``ttl`` seconds later."""

    def __init__(self, ttl: float = 30.0) -> None:
        self.ttl = ttl
        self._seen: dict[str, tuple[float, Device]] = {}
        self._lock = threading.Lock()

    def device(self, db: Database, token: str) -> Device | None:
        now = time.monotonic()
        with self._lock:
            hit = self._seen.get(token)
        if hit is not None and hit[0] > now:
            return hit[1]
        device = admin.device_for_token(db, token)
        if device is not None:
            with self._lock:
                if len(self._seen) > 10_000:
                    self._seen.clear()
                self._seen[token] = (now + self.ttl, device)
        return device


def current_device(request: Request, authorization: Annotated[str | None, Header()] = None) -> Device:
    scheme, _, token = (authorization or "").partition(" ")
    device = request.app.state.devices.device(_db(request), token.strip()) \
        if scheme.lower() == "bearer" and token else None
    if device is None:
        raise HTTPException(401, detail={"code": "central.unauthenticated"},
                            headers={"WWW-Authenticate": "Bearer"})
    return device


DeviceDep = Annotated[Device, Depends(current_device)]
router = APIRouter(prefix=API)


@router.get("/health")
def health() -> dict:
    return {"status": "ok"}


@router.post("/enrol", response_model=EnrolReply)
def enrol(body: EnrolRequest, request: Request) -> EnrolReply:
    try:
        e = admin.enrol(_db(request), body.code)
    except UserError as exc:
        raise HTTPException(403, detail={"code": exc.key}) from None
    return EnrolReply(device_id=e.device_id, token=e.token, hall_code=e.hall_code, hall_name=e.hall_name,
                      window_code=e.window_code)


@router.get("/me")
def me(device: DeviceDep) -> dict:
    return {"device_id": device.id, "hall_code": device.hall_code, "window_code": device.window_code}


@router.post("/events")
def push_events(body: PushRequest, request: Request, device: DeviceDep,
                idempotency_key: Annotated[str | None, Header(max_length=255)] = None) -> Response:
    db, keeper = _db(request), request.app.state.keeper
    entries = body.entries
    if not idempotency_key:
        results = push.apply_batch(db, device, entries)
        return JSONResponse(_push_reply(results))
    digest = request_hash(entries)
    try:
        with keeper.hold(device.id, idempotency_key), db.transaction() as s:
            stored, txid = keeper.open(s, device.id, idempotency_key, digest)
            if stored is not None:
                return Response(stored[1], status_code=stored[0], media_type="application/json",
                                headers={"Idempotent-Replayed": "true"})
            reply = json.dumps(_push_reply(push.apply_in(s, device, entries, txid=txid)), ensure_ascii=False)
            keeper.store(s, device.id, idempotency_key, digest, 200, reply)
    except InProgress:
        raise HTTPException(409, detail={"code": "central.request_in_progress"},
                            headers={"Retry-After": "1"}) from None
    except KeyReused:
        raise HTTPException(422, detail={"code": "central.idempotency_key_reused"}) from None
    return Response(reply, media_type="application/json")


def _push_reply(results: list[push.Outcome]) -> dict:
    def count(result: str) -> int:
        return sum(1 for o in results if o.result == result)

    return {"results": [o.as_dict() for o in results], "applied": count(push.APPLIED),
            "duplicates": count(push.DUPLICATE), "rejected": count(push.REJECTED)}


@router.get("/changes")
def changes(request: Request, device: DeviceDep, cursor: str = "", limit: int = feed.PAGE) -> dict:
    try:
        start = feed.Cursor.decode(cursor)
    except ValueError:
        raise HTTPException(400, detail={"code": "central.bad_cursor"}) from None
    rows, after, more = feed.pull(_db(request), device.hall_code, start, max(1, min(limit, feed.PAGE)),
                                  exclude_device=device.id)
    return {"changes": rows, "cursor": after.encode(), "more": more}


@router.get("/halls/{hall}/cases")
def hall_cases(hall: str, request: Request, device: DeviceDep) -> dict:
    if hall != device.hall_code:
        raise HTTPException(403, detail={"code": "central.other_hall"})
    return {"cases": admin.cases_of_hall(_db(request), hall)}


@router.get("/catalog")
def catalog(request: Request, device: DeviceDep, have: str = "") -> dict:
    row = admin.current_catalog(_db(request), device.hall_code)
    if row is None:
        return {"version": None, "changed": False}
    if row.sha256 == have or row.version == have:
        return {"version": row.version, "sha256": row.sha256, "changed": False}
    return {"version": row.version, "sha256": row.sha256, "changed": True, "content": row.content}


@router.get("/calendar")
def calendar(request: Request, device: DeviceDep, have: str = "") -> dict:
    row = admin.current_calendar(_db(request))
    if row is None:
        return {"version": None, "changed": False}
    if row.version == have:
        return {"version": row.version, "changed": False}
    return {"version": row.version, "changed": True, "content": row.content}


@router.post("/signin")
def sign_in(body: SignInRequest, request: Request, device: DeviceDep) -> dict:
    """Checks a clerk's password; the reply carries a fresh scrypt verifier of it for offline sign-in."""
    clerk = admin.clerk_of(_db(request), body.login.strip())
    if clerk is None or not clerk.active or clerk.hall_code != device.hall_code \
            or not check_verifier(clerk.password_hash, body.password):
        raise HTTPException(401, detail={"code": "central.bad_sign_in"})
    return {"login": clerk.login, "name": clerk.name, "role": clerk.role, "hall_code": clerk.hall_code,
            "verifier": make_verifier(body.password), "offline_days": OFFLINE_DAYS}


@router.post("/halls/{hall}/supervision")
def hall_supervision(hall: str, body: SupervisionRequest, request: Request, device: DeviceDep) -> dict:
    """电子监察 for the whole hall (``central.supervision``): supervisors (and admins) of that hall only."""
    from counter_app.central.supervision import hall_report, report_json

    if hall != device.hall_code:
        raise HTTPException(403, detail={"code": "central.other_hall"})
    clerk = admin.clerk_of(_db(request), body.login.strip())
    if clerk is None or not clerk.active or clerk.hall_code != hall \
            or not check_verifier(clerk.password_hash, body.password):
        raise HTTPException(401, detail={"code": "central.bad_sign_in"})
    if clerk.role not in ("supervisor", "admin"):
        raise HTTPException(403, detail={"code": "central.not_supervisor"})
    if body.end < body.start or (body.end - body.start).days > 366:
        raise HTTPException(400, detail={"code": "central.bad_period"})
    return report_json(hall_report(_db(request), hall, body.start, body.end))


def create_app(db: Database, *, relay_connectors: str | None = None) -> FastAPI:
    """``relay_connectors``: the folder of department description files the server relays through
    (issue 9; default the ``COUNTER_CENTRAL_CONNECTORS`` environment variable, else none)."""
    import os

    from counter_app.central import relay

    app = FastAPI(title="OneWindow Counter central server", version="1", openapi_url="/openapi.json")
    app.state.db = db
    app.state.relay = relay.registry_for(relay_connectors or os.environ.get("COUNTER_CENTRAL_CONNECTORS"))
    app.state.keeper = Keeper(db.postgres)
    app.state.devices = DeviceCache()
    app.include_router(router)
    app.include_router(relay.make_router(current_device), prefix=API)
    return app
