"""Department system description files (TOML), one per system, like the reader profiles::

    # <data dir>/connectors/<system>.toml   (built-in examples: resources/connectors/)
    name = "市场监管 企业登记系统"
    departments = ["402001"]            # catalog department codes this system takes
    kind = "http_json"                  # http_json | http_xml | front_db | relay | manual
    max_failures = 8                    # optional: park after this many failed attempts

    [http]                              # http_json / http_xml
    base_url = "http://10.1.2.3:8080"
    submit_path = "/api/cases"
    status_path = "/api/cases/{reference}"
    timeout = 10.0                      # seconds; an answer slower than slow_after is "slow"
    slow_after = 2.0
    proxy = ""                          # e.g. "http://10.0.0.1:3128" into the private network
    local_address = ""                  # bind this local address (the private network's NIC)
    xml_field = "xmldata"               # http_xml: the form field carrying the XML

    [auth]
    kind = "hmac"                       # none basic bearer body_token oauth2 mtls hmac sm

    [fields]                            # request body field = case value ("=text": literal)
    caseNo = "case.number"
    "applicant.name" = "applicant.name"

    [response]                          # dotted paths in the department's JSON answer
    reference = "data.refNo"
    status = "data.status"

    [status_map]                        # the department's word = ours (received ... returned)
    "01" = "received"

A mistake is reported naming the file, the field and the problem (:class:`Problem`); the other
files still load (:func:`load_all`).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from counter_app.paths import resource

EXAMPLES_DIR = resource("connectors")   # examples for hall admins; not loaded
KINDS = ("http_json", "http_xml", "front_db", "relay", "manual")
AUTH_KINDS = ("none", "basic", "bearer", "body_token", "oauth2", "mtls", "hmac", "sm")
# what a department may tell us about a case, in our words; the last two end its life here
STATUSES = ("received", "in_progress", "done", "returned")
FINAL = ("done", "returned")
CREDENTIAL_FIELDS = {"none": (), "basic": ("username", "password"), "bearer": ("token",),
                     "body_token": ("token",), "oauth2": ("client_id", "client_secret"),
                     "mtls": (), "hmac": ("access_key", "secret_key"), "sm": ("app_id", "app_secret")}
# the case values a field mapping may name (services.delivery_payload builds them)
SOURCES = ("delivery.id", "case.number", "case.id", "case.created_at", "case.outcome", "case.status",
           "case.promised_date", "case.delivery", "hall.code", "window", "clerk", "department.code",
           "department.name", "item.code", "item.name", "items.codes", "items.names", "materials",
           "applicant.kind", "applicant.name", "applicant.id_type", "applicant.id_number",
           "applicant.phone", "applicant.address", "applicant.org_name", "applicant.credit_code")
DEFAULT_FIELDS = {"client_id": "delivery.id", "case_number": "case.number", "department": "department.code",
                  "items": "items.codes", "applicant_name": "applicant.name",
                  "applicant_id_number": "applicant.id_number", "accepted_at": "case.created_at"}
KNOWN = {"name", "departments", "kind", "max_failures", "poll_seconds", "credential", "http", "auth",
         "fields", "response", "status_map", "front_db"}


@dataclass(frozen=True)
class Problem:
    """A mistake in a description file: ``key`` a message key with ``params``."""
    path: str
    field: str
    key: str
    params: dict = field(default_factory=dict)

    def text(self, tr) -> str:
        return tr("connectors.problem", file=Path(self.path).name, field=self.field,
                  problem=tr(self.key, **self.params))


class DescriptionError(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.key)
        self.problem = problem


@dataclass(frozen=True)
class Http:
    base_url: str
    submit_path: str = "/cases"
    status_path: str = "/cases/{reference}"
    timeout: float = 10.0
    slow_after: float = 2.0
    proxy: str = ""
    local_address: str = ""
    xml_field: str = "xmldata"
    xml_root: str = "case"
    ca_file: str = ""


@dataclass(frozen=True)
class Auth:
    kind: str = "none"
    options: dict = field(default_factory=dict)    # the [auth] table's other keys


@dataclass(frozen=True)
class Response:
    reference: str = "reference"
    status: str = "status"
    ok: str = ""                  # a field that must hold one of ok_values ("" = HTTP status only)
    ok_values: tuple[str, ...] = ("0",)
    message: str = "message"
    auth_codes: tuple[str, ...] = ()   # business codes meaning "credentials refused"


@dataclass(frozen=True)
class Description:
    name: str
    system: str                       # the file's stem: names the credentials in the keyring
    path: str
    departments: tuple[str, ...]
    kind: str
    max_failures: int | None = None
    poll_seconds: float = 30.0
    http: Http | None = None
    auth: Auth = Auth()
    fields: dict = field(default_factory=lambda: dict(DEFAULT_FIELDS))
    response: Response = Response()
    status_map: dict = field(default_factory=dict)
    front_db: dict = field(default_factory=dict)

    @property
    def credential_fields(self) -> tuple[str, ...]:
        if self.kind in ("http_json", "http_xml"):
            return CREDENTIAL_FIELDS[self.auth.kind]
        if self.kind == "front_db" and "{password}" in str(self.front_db.get("url", "")):
            return ("password",)
        return ()


def _fail(path: Path, fld: str, key: str, **params) -> DescriptionError:
    return DescriptionError(Problem(str(path), fld, key, params))


def _str(path, table: dict, name: str, where: str, default: str | None = None) -> str:
    value = table.get(name, default)
    if value is None:
        raise _fail(path, f"{where}{name}", "connectors.field_missing")
    if not isinstance(value, str):
        raise _fail(path, f"{where}{name}", "connectors.field_not_text")
    return value


def _number(path, table: dict, name: str, where: str, default: float, *, low: float, high: float) -> float:
    value = table.get(name, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        raise _fail(path, f"{where}{name}", "connectors.field_range", low=low, high=high)
    return float(value)


def _http(path: Path, raw: Any) -> Http:
    if not isinstance(raw, dict):
        raise _fail(path, "http", "connectors.table_missing")
    base = _str(path, raw, "base_url", "http.")
    if not re.fullmatch(r"https?://[^\s/]+(/\S*)?", base):
        raise _fail(path, "http.base_url", "connectors.not_url")
    unknown = set(raw) - {"base_url", "submit_path", "status_path", "timeout", "slow_after", "proxy",
                          "local_address", "xml_field", "xml_root", "ca_file"}
    if unknown:
        raise _fail(path, f"http.{sorted(unknown)[0]}", "connectors.unknown_field")
    status_path = _str(path, raw, "status_path", "http.", "/cases/{reference}")
    if "{reference}" not in status_path:
        raise _fail(path, "http.status_path", "connectors.needs_reference")
    proxy = _str(path, raw, "proxy", "http.", "")
    if proxy and not re.fullmatch(r"(https?|socks5)://\S+", proxy):
        raise _fail(path, "http.proxy", "connectors.not_url")
    return Http(base_url=base.rstrip("/"), submit_path=_str(path, raw, "submit_path", "http.", "/cases"),
                status_path=status_path,
                timeout=_number(path, raw, "timeout", "http.", 10.0, low=0.1, high=300),
                slow_after=_number(path, raw, "slow_after", "http.", 2.0, low=0.01, high=300),
                proxy=proxy, local_address=_str(path, raw, "local_address", "http.", ""),
                xml_field=_str(path, raw, "xml_field", "http.", "xmldata"),
                xml_root=_str(path, raw, "xml_root", "http.", "case"), ca_file=_str(path, raw, "ca_file", "http.", ""))


def _auth(path: Path, raw: Any) -> Auth:
    if raw is None:
        return Auth()
    if not isinstance(raw, dict):
        raise _fail(path, "auth", "connectors.table_missing")
    kind = raw.get("kind", "none")
    if kind not in AUTH_KINDS:
        raise _fail(path, "auth.kind", "connectors.one_of", choices=" ".join(AUTH_KINDS))
    options = {k: v for k, v in raw.items() if k != "kind"}
    if kind == "mtls":
        for name in ("cert_file", "key_file"):
            _str(path, options, name, "auth.")
    if kind == "sm":
        key = _str(path, options, "public_key", "auth.")
        if not re.fullmatch(r"(04)?[0-9a-fA-F]{128}", key):
            raise _fail(path, "auth.public_key", "connectors.sm2_key")
    return Auth(kind, options)


def _fields(path: Path, raw: Any) -> dict:
    if raw is None:
        return dict(DEFAULT_FIELDS)
    if not isinstance(raw, dict) or not raw:
        raise _fail(path, "fields", "connectors.table_missing")
    flat: dict[str, str] = {}

    def walk(prefix: str, table: dict) -> None:
        for k, v in table.items():
            name = f"{prefix}{k}"
            if isinstance(v, dict):
                walk(name + ".", v)
            elif not isinstance(v, str):
                raise _fail(path, f"fields.{name}", "connectors.field_not_text")
            elif not v.startswith("=") and v not in SOURCES:
                raise _fail(path, f"fields.{name}", "connectors.unknown_source", value=v)
            else:
                flat[name] = v

    walk("", raw)
    if "delivery.id" not in flat.values():
        raise _fail(path, "fields", "connectors.needs_delivery_id")
    return flat


def _response(path: Path, raw: Any) -> Response:
    if raw is None:
        return Response()
    if not isinstance(raw, dict):
        raise _fail(path, "response", "connectors.table_missing")
    values = raw.get("ok_values", ["0"])
    codes = raw.get("auth_codes", [])
    for name, v in (("ok_values", values), ("auth_codes", codes)):
        if not isinstance(v, list) or not all(isinstance(x, (str, int)) for x in v):
            raise _fail(path, f"response.{name}", "connectors.list_of_text")
    return Response(reference=_str(path, raw, "reference", "response.", "reference"),
                    status=_str(path, raw, "status", "response.", "status"), ok=_str(path, raw, "ok", "response.", ""),
                    ok_values=tuple(str(x) for x in values), message=_str(path, raw, "message", "response.", "message"),
                    auth_codes=tuple(str(x) for x in codes))


def _status_map(path: Path, raw: Any) -> dict:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise _fail(path, "status_map", "connectors.table_missing")
    for k, v in raw.items():
        if v not in STATUSES:
            raise _fail(path, f"status_map.{k}", "connectors.one_of", choices=" ".join(STATUSES))
    return {str(k): v for k, v in raw.items()}


def _front_db(path: Path, raw: Any) -> dict:
    if not isinstance(raw, dict):
        raise _fail(path, "front_db", "connectors.table_missing")
    url = _str(path, raw, "url", "front_db.")
    if not re.match(r"(postgresql|sqlite|mysql|oracle|mssql)(\+\w+)?://", url):
        raise _fail(path, "front_db.url", "connectors.not_db_url")
    out = dict(raw)
    for name in ("accept_table", "material_table", "answer_table"):
        table = _str(path, raw, name, "front_db.", {"accept_table": "up_pro_accept", "material_table":
                                                      "up_pro_material", "answer_table": "up_pro_answer"}[name])
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,62}", table):
            raise _fail(path, f"front_db.{name}", "connectors.not_identifier")
        out[name] = table
    return out


def parse(path: Path, text: str) -> Description:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _fail(path, "-", "connectors.bad_toml", detail=str(exc)) from None
    unknown = set(raw) - KNOWN
    if unknown:
        raise _fail(path, sorted(unknown)[0], "connectors.unknown_field")
    name = _str(path, raw, "name", "")
    if not name.strip():
        raise _fail(path, "name", "connectors.field_missing")
    deps = raw.get("departments")
    if not isinstance(deps, list) or not deps or not all(isinstance(d, str) and d.strip() for d in deps):
        raise _fail(path, "departments", "connectors.list_of_text")
    kind = raw.get("kind")
    if kind not in KINDS:
        raise _fail(path, "kind", "connectors.one_of", choices=" ".join(KINDS))
    max_failures = raw.get("max_failures")
    if max_failures is not None and (isinstance(max_failures, bool) or not isinstance(max_failures, int)
                                     or not 1 <= max_failures <= 1000):
        raise _fail(path, "max_failures", "connectors.field_range", low=1, high=1000)
    http = _http(path, raw.get("http")) if kind in ("http_json", "http_xml") else None
    return Description(
        name=name.strip(), system=_str(path, raw, "credential", "", Path(path).stem), path=str(path),
        departments=tuple(d.strip() for d in deps), kind=kind, max_failures=max_failures,
        poll_seconds=_number(path, raw, "poll_seconds", "", 30.0, low=0.05, high=86400), http=http,
        auth=_auth(path, raw.get("auth")), fields=_fields(path, raw.get("fields")),
        response=_response(path, raw.get("response")), status_map=_status_map(path, raw.get("status_map")),
        front_db=_front_db(path, raw.get("front_db")) if kind == "front_db" else {})


def load(path: Path) -> Description:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(path, "-", "connectors.unreadable", detail=type(exc).__name__) from None
    return parse(path, text)


def load_all(dirs: Iterable[str | Path]) -> tuple[list[Description], list[Problem]]:
    """Every ``*.toml`` in ``dirs`` (earlier folders win for a department); a broken file is a
    :class:`Problem` and the others still load."""
    found: list[Description] = []
    problems: list[Problem] = []
    taken: set[str] = set()
    for d in dirs:
        d = Path(d)
        if not d.is_dir():
            continue
        for p in sorted(d.glob("*.toml")):
            try:
                desc = load(p)
            except DescriptionError as exc:
                problems.append(exc.problem)
                continue
            clash = [dep for dep in desc.departments if dep in taken]
            if clash:
                problems.append(Problem(str(p), "departments", "connectors.department_taken", {"department": clash[0]}))
                continue
            taken.update(desc.departments)
            found.append(desc)
    return found, problems


def station_dirs(data_dir: Path) -> list[Path]:
    """Where a station's descriptions live: ``<data dir>/connectors`` (the hall admin's)."""
    return [Path(data_dir) / "connectors"]
