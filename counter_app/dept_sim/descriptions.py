"""The connector description files that match the simulated departments, for the window to load
(``<data dir>/connectors``): what a hall admin would write for real systems."""

from __future__ import annotations

import json
from pathlib import Path

from counter_app.dept_sim.config import STATUS_MAP, SimDepartment

FRONT_FIELDS = {"projid": "case.number", "itemcode": "item.code", "itemname": "item.name",
                "applyername": "applicant.name", "applyerpapercode": "applicant.id_number",
                "contactmobile": "applicant.phone", "deptcode": "department.code",
                "receivedate": "case.created_at", "client_id": "delivery.id"}


def _q(v) -> str:
    return json.dumps(v, ensure_ascii=False)


def description(d: SimDepartment, host: str, port: int | None, *, timeout: float = 5.0,
                max_failures: int | None = None, poll_seconds: float = 1.0) -> str:
    lines = [f"name = {_q(d.name + ' 业务系统（模拟）')}", f"departments = [{_q(d.code)}]", f"kind = {_q(d.kind)}",
             f"poll_seconds = {poll_seconds}"]
    if max_failures:
        lines.append(f"max_failures = {max_failures}")
    if d.kind == "front_db":
        lines += ["", "[front_db]", f"url = {_q(d.database_url)}", f"accept_table = {_q('up_pro_accept_' + d.code)}",
                  f"material_table = {_q('up_pro_material_' + d.code)}",
                  f"answer_table = {_q('up_pro_process_' + d.code)}", "", "[fields]"]
        lines += [f"{k} = {_q(v)}" for k, v in FRONT_FIELDS.items()]
    else:
        lines += ["", "[http]", f"base_url = {_q(f'http://{host}:{port}')}", 'submit_path = "/cases"',
                  'status_path = "/cases/{reference}"', f"timeout = {timeout}", "slow_after = 1.0"]
        lines += ["", "[auth]", f"kind = {_q(d.auth)}"]
        if d.auth == "sm":
            lines.append(f"public_key = {_q(d.sm_public_key)}")
        if d.auth == "body_token":
            lines.append('field = "token"')
        lines += ["", "[response]", 'reference = "data.refNo"', 'status = "data.status"', 'ok = "code"',
                  'ok_values = ["0"]', 'auth_codes = ["40101"]', 'message = "message"']
    lines += ["", "[status_map]"] + [f"{_q(k)} = {_q(v)}" for k, v in STATUS_MAP.items()]
    return "\n".join(lines) + "\n"


def write_all(sim, folder: Path, **options) -> list[Path]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for code, st in sim.states.items():
        d = st.dept
        port = None if d.kind == "front_db" else sim.port_of(code)
        path = folder / f"sim-{code}.toml"
        path.write_text(description(d, sim.config.host, port, **options), encoding="utf-8")
        out.append(path)
    return out


def credentials(sim) -> dict[str, dict]:
    """system name → the credentials a clerk would enter (the description files' stems)."""
    return {f"sim-{code}": dict(st.dept.credentials) for code, st in sim.states.items() if st.dept.credentials}
