"""The simulated department systems: one FastAPI app served by uvicorn on one socket per
department (the department is known by the local port a request came in on) plus a control
socket. What each department received is counted: every accepted submission (``total``) and
the distinct client ids among them (``distinct``): a window that sends a case twice shows as
total > distinct, one that loses a case as a missing id."""

from __future__ import annotations

import asyncio
import email.utils
import hmac as std_hmac
import json
import secrets
import socket
import threading
import time
from dataclasses import dataclass, field

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from starlette.requests import ClientDisconnect

from counter_app.connectors import auth as auth_mod
from counter_app.connectors.mapping import from_xml
from counter_app.dept_sim.config import SimConfig, SimDepartment


@dataclass
class Received:
    reference: str
    at: float
    case_number: str


@dataclass
class DeptState:
    dept: SimDepartment
    requests: int = 0
    total: int = 0
    cases: dict[str, Received] = field(default_factory=dict)   # client id → what we answered
    by_ref: dict[str, str] = field(default_factory=dict)
    tokens: set[str] = field(default_factory=set)
    seq: int = 0

    def status_word(self, received_at: float) -> str:
        elapsed = time.time() - received_at
        word = self.dept.statuses[0][0]
        for w, after in self.dept.statuses:
            if elapsed >= after:
                word = w
        return word


def _ok(data: dict) -> JSONResponse:
    return JSONResponse({"code": "0", "message": "ok", "data": data})


def _denied() -> JSONResponse:
    return JSONResponse({"code": "40101", "message": "credentials refused"}, status_code=401)


class Simulator:
    def __init__(self, config: SimConfig) -> None:
        self.config = config
        self.lock = threading.Lock()
        self.sockets: dict[str, socket.socket] = {}
        self.by_port: dict[int, DeptState] = {}
        self.states: dict[str, DeptState] = {d.code: DeptState(d) for d in config.departments}
        self.control: socket.socket | None = None
        self.app = self._app()

    # ------------------------------------------------------------------ sockets
    def bind(self) -> None:
        host = self.config.host
        self.control = self._socket(host, self.config.control_port)
        for code, st in self.states.items():
            if st.dept.kind == "front_db":
                continue
            sock = self._socket(host, st.dept.port)
            self.sockets[code] = sock
            self.by_port[sock.getsockname()[1]] = st

    @staticmethod
    def _socket(host: str, port: int) -> socket.socket:
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind((host, port))
        return s

    def port_of(self, code: str) -> int:
        return self.sockets[code].getsockname()[1]

    @property
    def control_port(self) -> int:
        return self.control.getsockname()[1]

    def serving_sockets(self) -> list[socket.socket]:
        # a "down" department keeps its port bound but never listens: connections are refused
        return [self.control] + [s for code, s in self.sockets.items() if self.states[code].dept.fault != "down"]

    # ------------------------------------------------------------------ counting
    def counts(self) -> dict:
        with self.lock:
            return {code: {"requests": st.requests, "total": st.total, "distinct": len(st.cases),
                           "cases": sorted(r.case_number for r in st.cases.values())}
                    for code, st in self.states.items()}

    def accept(self, st: DeptState, client_id: str, case_number: str) -> Received:
        with self.lock:
            st.total += 1
            got = st.cases.get(client_id)
            if got is None:
                st.seq += 1
                got = Received(f"{st.dept.code}-{st.seq:06d}", time.time(), case_number)
                st.cases[client_id] = got
                st.by_ref[got.reference] = client_id
            return got

    # ------------------------------------------------------------------ the app
    def _app(self) -> FastAPI:
        app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)
        sim = self

        @app.middleware("http")
        async def faults(request: Request, call_next):
            if request.url.path.startswith("/_sim"):
                return await call_next(request)
            st = sim.by_port.get(request.scope["server"][1])
            if st is None:
                return PlainTextResponse("no such department", status_code=404)
            with sim.lock:
                st.requests += 1
                n = st.requests
            d = st.dept
            if d.delay:
                await asyncio.sleep(d.delay)
            if d.fault == "hang":
                try:
                    await asyncio.sleep(3600)
                except asyncio.CancelledError:      # the simulator stopping
                    return PlainTextResponse("stopped", status_code=503)
            if n <= d.fail_first:
                return PlainTextResponse("busy", status_code=503)
            if d.fault == "malformed":
                return Response(b'{"code": "0", "data": {"refNo": "', media_type="application/json")
            if d.fault == "reject_credentials":
                return _denied()
            request.state.dept = st
            return await call_next(request)

        @app.get("/_sim/counts")
        async def counts():
            return sim.counts()

        @app.post("/oauth/token")
        async def token(request: Request):
            st: DeptState = request.state.dept
            form = await request.form()
            c = st.dept.credentials
            if form.get("client_id") != c.get("client_id") or form.get("client_secret") != c.get("client_secret"):
                return JSONResponse({"error": "invalid_client"}, status_code=401)
            t = secrets.token_hex(16)
            with sim.lock:
                st.tokens.add(t)
            return {"access_token": t, "token_type": "bearer", "expires_in": 600}

        @app.post("/cases")
        async def submit(request: Request):
            st: DeptState = request.state.dept
            try:
                raw = await request.body()
            except ClientDisconnect:      # the counter went away mid-request (killed): nothing was taken
                return Response(status_code=400)
            body = await sim._body(st, request, raw)
            if body is None:
                return _denied()
            if not isinstance(body, dict) or not body.get("client_id"):
                return JSONResponse({"code": "400", "message": "client_id missing"}, status_code=400)
            got = sim.accept(st, str(body["client_id"]), str(body.get("case_number", "")))
            return _ok({"refNo": got.reference, "status": st.status_word(got.at)})

        @app.post("/cases/{reference}")
        async def status_by_post(reference: str, request: Request):     # body_token: the token in a body
            st: DeptState = request.state.dept
            if not await sim._body(st, request, await request.body()):
                return _denied()
            return sim._status(st, reference)

        @app.get("/cases/{reference}")
        async def status(reference: str, request: Request):
            st: DeptState = request.state.dept
            if st.dept.auth == "body_token" or not sim._authorized(st, request, b""):
                return _denied()
            return sim._status(st, reference)

        return app

    def _status(self, st: DeptState, reference: str):
        with self.lock:
            client_id = st.by_ref.get(reference)
            got = st.cases.get(client_id) if client_id else None
        if got is None:
            return JSONResponse({"code": "404", "message": "no such case"}, status_code=404)
        return _ok({"refNo": got.reference, "status": st.status_word(got.at)})

    def _authorized(self, st: DeptState, request: Request, raw: bytes, body: dict | None = None) -> bool:
        d, c, h = st.dept, st.dept.credentials, request.headers
        if d.auth == "basic":
            import base64

            want = "Basic " + base64.b64encode(f"{c['username']}:{c['password']}".encode()).decode()
            return std_hmac.compare_digest(h.get("authorization", ""), want)
        if d.auth == "bearer":
            return std_hmac.compare_digest(h.get("authorization", ""), f"Bearer {c['token']}")
        if d.auth == "oauth2":
            return h.get("authorization", "").removeprefix("Bearer ") in st.tokens
        if d.auth == "hmac":
            names = auth_mod.HMAC_HEADERS
            date = h.get(names["date_header"], "")
            try:
                age = abs(time.time() - email.utils.parsedate_to_datetime(date).timestamp())
            except (TypeError, ValueError):
                return False
            if age > 900 or h.get(names["key_header"]) != c["access_key"]:
                return False
            text = auth_mod.hmac_string(request.method, request.url.path, dict(request.query_params),
                                        c["access_key"], date)
            return std_hmac.compare_digest(h.get(names["signature_header"], ""),
                                           auth_mod.hmac_signature(c["secret_key"], text))
        if d.auth == "body_token":
            return body is not None and body.get("token") == c["token"]
        return True     # none; sm is checked when the body is opened

    async def _body(self, st: DeptState, request: Request, raw: bytes):
        d = st.dept
        try:
            if d.kind == "http_xml":
                form = await request.form()
                body = from_xml(str(form.get("xmldata", "")))
            else:
                body = json.loads(raw)
            if d.auth == "sm":
                if body.get("app_id") != d.credentials["app_id"]:
                    return None
                body = auth_mod.sm_open(body, d.sm_private_key, d.credentials["app_secret"])
        except (ValueError, KeyError, TypeError, AttributeError):
            return {}
        if d.auth == "body_token":
            return body if self._authorized(st, request, raw, body) else None
        return body if self._authorized(st, request, raw) else None
