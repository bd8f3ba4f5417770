"""HTTP to the central server (httpx), with every failure classified (DESIGN.md rule 5):

- transient — no network, timeout, connection cut, 5xx, 409 (same request still running), 429:
  retry later with backoff;
- needs the clerk — 401: the device credential is no longer accepted (enrol again / sign in);
- rejected — 403, 400, 422: the server refuses this; retrying the same thing cannot help.
"""

from __future__ import annotations

import socket
import ssl

import httpx

from counter_app.errors import NEEDS_USER, PERMANENT, TRANSIENT, UserError

API = "/api/v1"
TIMEOUT = httpx.Timeout(20.0, connect=5.0)


class SyncError(UserError):
    def __init__(self, key: str, *, kind: str, status: int = 0, **params) -> None:
        super().__init__(key, kind=kind, **params)
        self.status = status


def transport(verify=True) -> httpx.HTTPTransport:
    """Keep-alive connections with TCP_NODELAY: a push is a request whose headers and body go out as
    two writes, and with Nagle's algorithm on the body waits for the server's delayed ACK — about
    20 ms per push on loopback, measured (bench/bench_sync_windows.py)."""
    return httpx.HTTPTransport(verify=verify, socket_options=[(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)])


def classify_status(status: int) -> str:
    if status == 401:
        return NEEDS_USER
    if status in (409, 429) or status >= 500:
        return TRANSIENT
    return PERMANENT


def _untrusted(exc: BaseException) -> bool:
    """A TLS certificate that the hall's CA (or the system store) did not sign, or of another host."""
    seen = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError):
            return True
        seen = seen.__cause__ or seen.__context__
    return "CERTIFICATE_VERIFY_FAILED" in str(exc)


class CentralClient:
    """One window's connection to its server. ``ca_file``: trust only the hall's CA."""

    def __init__(self, url: str, *, token: str = "", ca_file: str = "", timeout: httpx.Timeout = TIMEOUT) -> None:
        self.url = url
        verify = ssl.create_default_context(cafile=ca_file) if ca_file else True
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self._http = httpx.Client(base_url=url.rstrip("/") + API, headers=headers, timeout=timeout,
                                  transport=transport(verify))

    def close(self) -> None:
        self._http.close()

    def call(self, method: str, path: str, **kwargs) -> dict:
        try:
            reply = self._http.request(method, path, **kwargs)
        except httpx.TransportError as exc:
            if _untrusted(exc):     # not the hall's server, or not its CA: the admin must look, never retried
                raise SyncError("sync.untrusted_server", kind=NEEDS_USER, url=self.url) from None
            raise SyncError("sync.unreachable", kind=TRANSIENT, detail=type(exc).__name__) from None
        if reply.status_code >= 400:
            try:
                code = reply.json()["detail"]["code"]
            except (ValueError, KeyError, TypeError):
                code = ""
            raise SyncError(code or "sync.server_error", kind=classify_status(reply.status_code),
                            status=reply.status_code, detail=str(reply.status_code))
        try:
            return reply.json()
        except ValueError:
            raise SyncError("sync.server_error", kind=TRANSIENT, detail="json") from None

    def enrol(self, code: str) -> dict:
        return self.call("POST", "/enrol", json={"code": code})

    def push(self, entries: list[dict], key: str) -> dict:
        return self.call("POST", "/events", json={"entries": entries}, headers={"Idempotency-Key": key})

    def changes(self, cursor: str, limit: int = 500) -> dict:
        return self.call("GET", "/changes", params={"cursor": cursor, "limit": limit})

    def catalog(self, have: str) -> dict:
        return self.call("GET", "/catalog", params={"have": have})

    def calendar(self, have: str) -> dict:
        return self.call("GET", "/calendar", params={"have": have})

    def sign_in(self, login: str, password: str) -> dict:
        return self.call("POST", "/signin", json={"login": login, "password": password})
