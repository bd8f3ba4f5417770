"""HTTP JSON and XML department systems (``kind = "http_json"`` / ``"http_xml"``) over httpx.

One :class:`httpx.Client` per system (its proxy or bound local address, timeouts, TLS and client
certificate), so connections are reused across cases. Every answer is classified:

- no connection, timeout, 408/429/5xx → ``DOWN`` (retry with backoff)
- 401/403, or a business code in ``response.auth_codes`` → ``CREDENTIALS`` (ask the clerk)
- other 4xx, or a business code not in ``response.ok_values`` → ``REFUSED`` (park, show its message)
- 2xx that is not the JSON/XML we expect, or lacks the reference → ``GARBAGE``
"""

from __future__ import annotations

import json
import time
import urllib.parse

import httpx

from counter_app.connectors import auth as auth_mod
from counter_app.connectors import mapping
from counter_app.connectors.base import CREDENTIALS, DOWN, GARBAGE, REFUSED, Ack, DeliveryError, Submission
from counter_app.connectors.description import FINAL, Description


class HttpConnector:
    def __init__(self, desc: Description, *, client: httpx.Client | None = None) -> None:
        self.desc = desc
        self.name = desc.name
        self.kind = desc.kind
        self.needs_credentials = desc.credential_fields
        self.last_latency = 0.0
        self._tokens = auth_mod.OAuth2Tokens()
        self._clients: dict[str, httpx.Client] = {}
        self._shared = client

    # one client per key password (mTLS keys may be protected per clerk); usually exactly one
    def _client(self, creds: dict) -> httpx.Client:
        if self._shared is not None:
            return self._shared
        http, opts = self.desc.http, self.desc.auth.options
        key = creds.get("key_password", "") if self.desc.auth.kind == "mtls" else ""
        client = self._clients.get(key)
        if client is None:
            try:
                verify = auth_mod.ssl_context(http.ca_file, opts.get("cert_file", ""), opts.get("key_file", ""), key)
            except (OSError, ValueError) as exc:
                raise DeliveryError(CREDENTIALS, "departments.client_certificate", type(exc).__name__) from None
            transport = httpx.HTTPTransport(verify=verify, local_address=http.local_address or None,
                                            proxy=httpx.Proxy(http.proxy) if http.proxy else None, retries=0)
            client = httpx.Client(base_url=http.base_url, transport=transport,
                                  timeout=httpx.Timeout(http.timeout, connect=min(http.timeout, 5.0)))
            self._clients[key] = client
        return client

    def close(self) -> None:
        for c in self._clients.values():
            c.close()
        self._clients.clear()

    # ------------------------------------------------------------------ requests
    def _request(self, method: str, path: str, sub: Submission, *, body: dict | None = None) -> dict:
        creds = sub.credentials
        a = self.desc.auth
        headers = {"Idempotency-Key": sub.delivery_id, "Accept": "application/json"}
        split = urllib.parse.urlsplit(path)
        query = dict(urllib.parse.parse_qsl(split.query))
        client = self._client(creds)
        if a.kind == "basic":
            user, password = auth_mod._need(creds, "username", "password")
            headers["Authorization"] = httpx.BasicAuth(user, password)._auth_header
        elif a.kind == "bearer":
            headers["Authorization"] = "Bearer " + auth_mod._need(creds, "token")[0]
        elif a.kind == "oauth2":
            headers["Authorization"] = "Bearer " + self._tokens.token(client, a.options, creds)
        elif a.kind == "hmac":
            auth_mod.sign_hmac(a.options, creds, method, self._full_path(split.path), query, headers)
        kwargs: dict = {"headers": headers}
        if body is not None:
            if a.kind == "body_token":
                mapping.put(body, a.options.get("field", "token"), auth_mod._need(creds, "token")[0])
            if a.kind == "sm":
                body = auth_mod.sm_envelope(a.options, creds, body)
            if self.kind == "http_xml":
                kwargs["data"] = {self.desc.http.xml_field: mapping.to_xml(self.desc.http.xml_root, body)}
            else:
                kwargs["content"] = json.dumps(body, ensure_ascii=False).encode()
                headers["Content-Type"] = "application/json; charset=utf-8"
        started = time.monotonic()
        try:
            reply = client.request(method, path, **kwargs)
        except httpx.TimeoutException as exc:
            raise DeliveryError(DOWN, "departments.timeout", type(exc).__name__) from None
        except httpx.TransportError as exc:
            raise DeliveryError(DOWN, "departments.unreachable", type(exc).__name__) from None
        finally:
            self.last_latency = time.monotonic() - started
        if reply.status_code == 401 and a.kind == "oauth2":
            self._tokens.forget(creds.get("client_id", ""))
        return self._answer(reply)

    def _full_path(self, path: str) -> str:
        prefix = urllib.parse.urlsplit(self.desc.http.base_url).path.rstrip("/")
        return prefix + "/" + path.lstrip("/")

    def _answer(self, reply: httpx.Response) -> dict:
        code = reply.status_code
        if code in (401, 403):
            raise DeliveryError(CREDENTIALS, "departments.credentials_rejected", f"HTTP {code}")
        if code in (408, 429) or code >= 500:
            raise DeliveryError(DOWN, "departments.server_error", f"HTTP {code}")
        data = self._parse(reply)
        r = self.desc.response
        message = str(mapping.pick(data, r.message) or "") if isinstance(data, dict) else ""
        if code >= 400:
            raise DeliveryError(REFUSED, "departments.refused", message or f"HTTP {code}")
        if r.ok:
            value = mapping.pick(data, r.ok)
            if str(value) in r.auth_codes:
                raise DeliveryError(CREDENTIALS, "departments.credentials_rejected", message or str(value))
            if str(value) not in r.ok_values:
                raise DeliveryError(REFUSED, "departments.refused", message or str(value))
        return data

    def _parse(self, reply: httpx.Response) -> dict:
        text = reply.text
        try:
            if self.kind == "http_xml" and not text.lstrip().startswith("{"):
                data = mapping.from_xml(text)
            else:
                data = json.loads(text)
        except (ValueError, UnicodeDecodeError):
            raise DeliveryError(GARBAGE, "departments.garbage", f"HTTP {reply.status_code}") from None
        if not isinstance(data, dict):
            raise DeliveryError(GARBAGE, "departments.garbage", type(data).__name__)
        return data

    def _ack(self, data: dict, reference: str | None = None) -> Ack:
        r = self.desc.response
        ref = reference or mapping.pick(data, r.reference)
        if ref in (None, "") or isinstance(ref, (dict, list)):
            raise DeliveryError(GARBAGE, "departments.no_reference", r.reference)
        raw = mapping.pick(data, r.status)
        raw = "" if raw is None or isinstance(raw, (dict, list)) else str(raw)
        ours = self.desc.status_map.get(raw, raw if raw in FINAL + ("received", "in_progress") else "")
        return Ack(str(ref), ours, raw, ours in FINAL)

    # ------------------------------------------------------------------ the interface
    def submit(self, sub: Submission) -> Ack:
        body = mapping.build(self.desc.fields, sub.values)
        return self._ack(self._request("POST", self.desc.http.submit_path, sub, body=body))

    def status(self, sub: Submission, reference: str) -> Ack:
        path = self.desc.http.status_path.replace("{reference}", urllib.parse.quote(reference, safe=""))
        if self.desc.auth.kind == "body_token":     # the token travels in a body: the query is a POST
            return self._ack(self._request("POST", path, sub, body={"reference": reference}), reference)
        return self._ack(self._request("GET", path, sub), reference)
