"""How a request proves who sends it, one function per ``[auth] kind`` of a description.

``sign(auth, creds, method, path, query, headers, body)`` adds what the kind needs to the
headers or the body before the request goes out; OAuth2 client credentials fetch (and cache) a
token first (:class:`OAuth2Tokens`); mTLS is the transport's client certificate
(:func:`ssl_context`). Written here rather than taken from a library because each is a few
lines over httpx / cryptography / gmssl and halls' gateways each name their headers differently
(the names are options of the description).

- ``hmac``: HMAC-SHA256 over ``METHOD\\npath\\nsorted query\\naccess key\\ndate\\n`` (the Zhejiang
  government gateway's scheme), sent as ``X-BG-HMAC-*`` headers with the date.
- ``sm``: national crypto. The JSON body is encrypted with a fresh SM4-CBC key, the key is wrapped
  with the department's SM2 public key (``auth.public_key``), and ``app_id|timestamp|nonce|data``
  is signed with HMAC-SM3 under the app secret.
"""

from __future__ import annotations

import base64
import email.utils
import hashlib
import hmac as std_hmac
import json
import os
import secrets
import ssl
import threading
import time
import urllib.parse

from counter_app.connectors.base import CREDENTIALS, DOWN, GARBAGE, DeliveryError

HMAC_HEADERS = {"key_header": "X-BG-HMAC-ACCESS-KEY", "signature_header": "X-BG-HMAC-SIGNATURE",
                "algorithm_header": "X-BG-HMAC-ALGORITHM", "date_header": "X-BG-DATE-TIME"}


def _need(creds: dict, *names: str) -> list[str]:
    missing = [n for n in names if not creds.get(n)]
    if missing:
        raise DeliveryError(CREDENTIALS, "departments.credentials_missing", ",".join(missing))
    return [creds[n] for n in names]


def sorted_query(query: dict | None) -> str:
    return urllib.parse.urlencode(sorted((query or {}).items()))


def hmac_string(method: str, path: str, query: dict | None, access_key: str, date: str) -> str:
    return f"{method.upper()}\n{path}\n{sorted_query(query)}\n{access_key}\n{date}\n"


def hmac_signature(secret: str, text: str) -> str:
    return base64.b64encode(std_hmac.new(secret.encode(), text.encode(), hashlib.sha256).digest()).decode()


def sign_hmac(options: dict, creds: dict, method: str, path: str, query: dict | None, headers: dict,
              now: float | None = None) -> None:
    key, secret = _need(creds, "access_key", "secret_key")
    names = {**HMAC_HEADERS, **{k: v for k, v in options.items() if k in HMAC_HEADERS}}
    date = email.utils.formatdate(now if now is not None else time.time(), usegmt=True)
    headers[names["key_header"]] = key
    headers[names["date_header"]] = date
    headers[names["algorithm_header"]] = "hmac-sha256"
    headers[names["signature_header"]] = hmac_signature(secret, hmac_string(method, path, query, key, date))


# ---------------------------------------------------------------- national crypto (SM2/SM3/SM4)
def sm3_hmac(secret: str, text: str) -> str:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives import hmac as c_hmac

    h = c_hmac.HMAC(secret.encode(), hashes.SM3())
    h.update(text.encode())
    return h.finalize().hex()


def sm4_encrypt(key: bytes, iv: bytes, data: bytes) -> bytes:
    from cryptography.hazmat.primitives import padding
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    padder = padding.PKCS7(128).padder()
    enc = Cipher(algorithms.SM4(key), modes.CBC(iv)).encryptor()
    return enc.update(padder.update(data) + padder.finalize()) + enc.finalize()


def sm4_decrypt(key: bytes, iv: bytes, data: bytes) -> bytes:
    from cryptography.hazmat.primitives import padding
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    dec = Cipher(algorithms.SM4(key), modes.CBC(iv)).decryptor()
    unpadder = padding.PKCS7(128).unpadder()
    return unpadder.update(dec.update(data) + dec.finalize()) + unpadder.finalize()


def _sm2(public_key: str = "", private_key: str = ""):
    from gmssl import sm2

    public_key = public_key[2:] if len(public_key) == 130 and public_key.startswith("04") else public_key
    return sm2.CryptSM2(public_key=public_key, private_key=private_key, mode=1)


def sm_envelope(options: dict, creds: dict, body: dict, now: float | None = None) -> dict:
    app_id, app_secret = _need(creds, "app_id", "app_secret")
    key, iv = os.urandom(16), os.urandom(16)
    data = base64.b64encode(sm4_encrypt(key, iv, json.dumps(body, ensure_ascii=False).encode())).decode()
    wrapped = _sm2(public_key=options["public_key"]).encrypt(key)
    stamp, nonce = str(int(now if now is not None else time.time())), secrets.token_hex(8)
    return {"app_id": app_id, "timestamp": stamp, "nonce": nonce, "key": wrapped.hex(), "iv": iv.hex(),
            "data": data, "sign": sm3_hmac(app_secret, f"{app_id}|{stamp}|{nonce}|{data}")}


def sm_open(envelope: dict, private_key: str, app_secret: str) -> dict:
    """The department side (the simulator): check the signature, unwrap the key, decrypt."""
    text = f"{envelope['app_id']}|{envelope['timestamp']}|{envelope['nonce']}|{envelope['data']}"
    if not std_hmac.compare_digest(sm3_hmac(app_secret, text), envelope["sign"]):
        raise ValueError("bad signature")
    key = _sm2(private_key=private_key).decrypt(bytes.fromhex(envelope["key"]))
    return json.loads(sm4_decrypt(key, bytes.fromhex(envelope["iv"]), base64.b64decode(envelope["data"])))


def sm2_key_pair() -> tuple[str, str]:
    """(private hex, public hex) for a simulated department (gmssl has no key generator)."""
    from gmssl import sm2

    private = secrets.token_hex(32)
    c = sm2.CryptSM2(public_key="", private_key=private)
    public = c._kg(int(private, 16), sm2.default_ecc_table["g"])
    return private, public


# ---------------------------------------------------------------- OAuth2, mTLS
class OAuth2Tokens:
    """Client-credentials tokens per client id, cached until shortly before they expire."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._tokens: dict[str, tuple[str, float]] = {}

    def forget(self, client_id: str) -> None:
        with self._lock:
            self._tokens.pop(client_id, None)

    def token(self, http, options: dict, creds: dict) -> str:
        client_id, client_secret = _need(creds, "client_id", "client_secret")
        with self._lock:
            cached = self._tokens.get(client_id)
        if cached and cached[1] > time.monotonic():
            return cached[0]
        import httpx

        form = {"grant_type": "client_credentials", "client_id": client_id, "client_secret": client_secret}
        if options.get("scope"):
            form["scope"] = options["scope"]
        try:
            reply = http.post(options.get("token_path", "/oauth/token"), data=form)
        except httpx.TransportError as exc:
            raise DeliveryError(DOWN, "departments.unreachable", type(exc).__name__) from None
        if reply.status_code in (400, 401, 403):
            raise DeliveryError(CREDENTIALS, "departments.credentials_rejected", f"HTTP {reply.status_code}")
        if reply.status_code >= 300:
            raise DeliveryError(DOWN, "departments.server_error", f"HTTP {reply.status_code}")
        try:
            data = reply.json()
            token, expires = str(data["access_token"]), float(data.get("expires_in", 300))
        except (ValueError, KeyError, TypeError):
            raise DeliveryError(GARBAGE, "departments.garbage", "token") from None
        with self._lock:
            self._tokens[client_id] = (token, time.monotonic() + max(expires - 30, 1))
        return token


def ssl_context(ca_file: str = "", cert_file: str = "", key_file: str = "", key_password: str = ""):
    """The TLS context: the hall's CA if given, and our client certificate for mTLS."""
    if not (ca_file or cert_file):
        return True
    ctx = ssl.create_default_context(cafile=ca_file or None)
    if cert_file:
        ctx.load_cert_chain(cert_file, key_file or None, password=key_password or None)
    return ctx
