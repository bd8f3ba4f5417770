"""The simulator's configuration (TOML)::

    host = "127.0.0.1"
    control_port = 0                 # /_sim/counts; 0 = any free port
    [[department]]
    code = "402001"
    name = "市场监督管理局"
    kind = "http_json"               # http_json | http_xml | front_db
    auth = "hmac"                    # none basic bearer body_token oauth2 hmac sm
    port = 0
    credentials = { access_key = "AK1", secret_key = "s3cret" }
    statuses = [["01", 0], ["02", 2], ["03", 5]]   # the department's word, seconds after receipt
    fault = "none"                   # none down hang malformed reject_credentials
    fail_first = 0                   # answer 503 to the first K requests
    delay = 0.0                      # seconds before every answer (a slow department)
    database_url = ""                # front_db: where the exchange tables are
"""

from __future__ import annotations

import secrets
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

KINDS = ("http_json", "http_xml", "front_db")
AUTHS = ("none", "basic", "bearer", "body_token", "oauth2", "hmac", "sm")
FAULTS = ("none", "down", "hang", "malformed", "reject_credentials")
STATUS_MAP = {"01": "received", "02": "in_progress", "03": "done", "09": "returned"}
DEFAULT_STATUSES = (("01", 0.0), ("02", 2.0), ("03", 5.0))
# what `--departments N` gives department i (cycled): every connector kind and auth
CYCLE = (("http_json", "none"), ("http_json", "hmac"), ("http_xml", "body_token"), ("http_json", "basic"),
         ("http_json", "bearer"), ("http_json", "oauth2"), ("http_json", "sm"))


@dataclass(frozen=True)
class SimDepartment:
    code: str
    name: str
    kind: str = "http_json"
    auth: str = "none"
    port: int = 0
    credentials: dict = field(default_factory=dict)
    statuses: tuple = DEFAULT_STATUSES
    fault: str = "none"
    fail_first: int = 0
    delay: float = 0.0
    database_url: str = ""
    sm_private_key: str = ""
    sm_public_key: str = ""


@dataclass(frozen=True)
class SimConfig:
    departments: tuple[SimDepartment, ...]
    host: str = "127.0.0.1"
    control_port: int = 0


def credentials_for(auth: str, code: str) -> dict:
    token = secrets.token_hex(8)
    return {"none": {}, "basic": {"username": f"u{code}", "password": f"p-{token}"},
            "bearer": {"token": f"t-{token}"}, "body_token": {"token": f"b-{token}"},
            "oauth2": {"client_id": f"c{code}", "client_secret": f"cs-{token}"},
            "hmac": {"access_key": f"AK{code}", "secret_key": f"sk-{token}"},
            "sm": {"app_id": f"app{code}", "app_secret": f"as-{token}"}}[auth]


def complete(d: SimDepartment) -> SimDepartment:
    """Fills in what a config may leave out: credentials, the SM2 key pair."""
    if d.kind not in KINDS:
        raise ValueError(f"department {d.code}: kind must be one of {' '.join(KINDS)}")
    if d.auth not in AUTHS:
        raise ValueError(f"department {d.code}: auth must be one of {' '.join(AUTHS)}")
    if d.fault not in FAULTS:
        raise ValueError(f"department {d.code}: fault must be one of {' '.join(FAULTS)}")
    if d.kind == "front_db" and not d.database_url:
        raise ValueError(f"department {d.code}: front_db needs database_url")
    if d.kind == "front_db":
        d = replace(d, auth="none")
    if not d.credentials and d.auth != "none":
        d = replace(d, credentials=credentials_for(d.auth, d.code))
    if d.auth == "sm" and not d.sm_private_key:
        from counter_app.connectors.auth import sm2_key_pair

        private, public = sm2_key_pair()
        d = replace(d, sm_private_key=private, sm_public_key=public)
    return d


def load(path: Path) -> SimConfig:
    raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    deps = []
    for i, d in enumerate(raw.get("department", [])):
        statuses = tuple((str(w), float(t)) for w, t in d.get("statuses", DEFAULT_STATUSES))
        known = {k: d[k] for k in ("kind", "auth", "port", "fault", "fail_first", "delay", "database_url") if k in d}
        deps.append(complete(SimDepartment(code=str(d["code"]), name=str(d.get("name", d["code"])),
                                           credentials=dict(d.get("credentials", {})), statuses=statuses, **known)))
    return SimConfig(tuple(deps), raw.get("host", "127.0.0.1"), int(raw.get("control_port", 0)))


def generated(n: int, *, port: int = 0, names: list[tuple[str, str]] | None = None,
              statuses=DEFAULT_STATUSES, kinds=CYCLE) -> SimConfig:
    """``--departments N``: department i on ``port + 1 + i`` (``port`` the control port; 0: any)."""
    names = names or [(f"{900001 + i}", f"模拟部门{i + 1:02d}") for i in range(n)]
    deps = tuple(complete(SimDepartment(code=c, name=nm, kind=kinds[i % len(kinds)][0],
                                        auth=kinds[i % len(kinds)][1], port=port + 1 + i if port else 0,
                                        statuses=tuple(statuses)))
                 for i, (c, nm) in enumerate(names[:n]))
    return SimConfig(deps, control_port=port)
