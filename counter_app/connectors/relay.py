"""Relay through the central server (``kind = "relay"``): for a township centre that cannot
reach a department's private network itself. The case goes to the hall's central server
(``central.relay``) under this window's device credential (the enrolment, ``sync``), which
forwards it with its own connector and hands back the department's answer or its classified
failure."""

from __future__ import annotations

from pathlib import Path

import httpx

from counter_app.connectors.base import CREDENTIALS, DOWN, FAILURES, GARBAGE, REFUSED, Ack, DeliveryError, Submission
from counter_app.connectors.description import Description

API = "/api/v1/relay"


class RelayConnector:
    needs_credentials: tuple[str, ...] = ()

    def __init__(self, desc: Description, data_dir: Path | None) -> None:
        self.desc = desc
        self.name = desc.name
        self.kind = desc.kind
        self.last_latency = 0.0
        self.data_dir = data_dir
        self._client: httpx.Client | None = None

    def _http(self) -> httpx.Client:
        if self._client is None:
            from counter_app.sync import config, credential

            enrolment = config.load(self.data_dir) if self.data_dir else None
            token = credential.load(self.data_dir, enrolment.device_id) if enrolment else None
            if not enrolment or not token:
                raise DeliveryError(CREDENTIALS, "departments.relay_not_enrolled")
            from counter_app.connectors.auth import ssl_context

            self._client = httpx.Client(base_url=enrolment.url.rstrip("/") + API, verify=ssl_context(enrolment.ca_file),
                                        headers={"Authorization": f"Bearer {token}"}, timeout=httpx.Timeout(30, connect=5))
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def _post(self, path: str, sub: Submission, reference: str = "") -> Ack:
        body = {"delivery_id": sub.delivery_id, "case_number": sub.case_number, "reference": reference,
                "values": sub.values}
        try:
            reply = self._http().post(f"/{sub.department}/{path}", json=body)
        except httpx.TransportError as exc:
            raise DeliveryError(DOWN, "departments.unreachable", type(exc).__name__) from None
        if reply.status_code == 401:
            raise DeliveryError(CREDENTIALS, "departments.relay_not_enrolled", "HTTP 401")
        try:
            data = reply.json()
        except ValueError:
            raise DeliveryError(GARBAGE, "departments.garbage", f"HTTP {reply.status_code}") from None
        if reply.status_code >= 400:
            d = data.get("detail") if isinstance(data, dict) else None
            if isinstance(d, dict) and d.get("failure") in FAILURES:
                raise DeliveryError(d["failure"], str(d.get("reason", "departments.refused")), str(d.get("detail", "")))
            kind = DOWN if reply.status_code >= 500 or reply.status_code == 429 else REFUSED
            raise DeliveryError(kind, "departments.server_error" if kind == DOWN else "departments.refused",
                                f"HTTP {reply.status_code}")
        return Ack(str(data.get("reference", "")), str(data.get("status", "")), str(data.get("raw_status", "")),
                   bool(data.get("final")))

    def submit(self, sub: Submission) -> Ack:
        return self._post("cases", sub)

    def status(self, sub: Submission, reference: str) -> Ack:
        return self._post("status", sub, reference)
