"""Relay (issue 9): a township centre that cannot reach a department's private network hands
the case to the central server, which can, and which forwards it with its own connectors
(description files in the server's connectors folder, credentials in the server's keyring
under the clerk name ``central``). Forwarding is synchronous: the window's client id goes
through unchanged, so the department still recognises a retry, and the department's answer
(reference, status, or a classified failure) comes back as the window's answer.

    POST /api/v1/relay/{department}/cases    {"delivery_id", "case_number", "values"}
    POST /api/v1/relay/{department}/status   {"delivery_id", "case_number", "reference", "values"}
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import BaseModel, Field

from counter_app.connectors.base import DeliveryError, Submission

CENTRAL_CLERK = "central"


class RelayCase(BaseModel):
    delivery_id: str = Field(max_length=64)
    case_number: str = Field(max_length=64)
    reference: str = Field(default="", max_length=64)
    values: dict[str, Any] = Field(default_factory=dict)


def registry_for(folder: str | Path | None):
    from counter_app.connectors.registry import Registry

    return Registry.load([folder] if folder else [])


def _forward(request: Request, department: str, body: RelayCase, status: bool) -> dict:
    from counter_app.connectors import credentials

    registry = request.app.state.relay
    desc, connector = registry.description(department), registry.connector(department)
    if desc is None or desc.kind in ("manual", "relay"):
        raise HTTPException(404, detail={"failure": "refused", "reason": "departments.relay_unknown", "detail": department})
    try:
        creds = (credentials.load(CENTRAL_CLERK, desc.system) or {}) if desc.credential_fields else {}
        sub = Submission(body.delivery_id, department, body.case_number, body.values, creds)
        ack = connector.status(sub, body.reference) if status else connector.submit(sub)
    except credentials.KeyringUnavailable:
        raise HTTPException(502, detail={"failure": "credentials", "reason": "departments.no_keyring",
                                         "detail": "central"}) from None
    except DeliveryError as exc:
        raise HTTPException(502, detail={"failure": exc.failure, "reason": exc.reason, "detail": exc.detail}) from None
    return {"reference": ack.reference, "status": ack.status, "raw_status": ack.raw_status, "final": ack.final}


def make_router(device_dep) -> APIRouter:
    router = APIRouter(prefix="/relay", dependencies=[Depends(device_dep)])   # enrolled windows only

    @router.post("/{department}/cases")
    def relay_case(department: str, body: RelayCase, request: Request) -> dict:
        return _forward(request, department, body, status=False)

    @router.post("/{department}/status")
    def relay_status(department: str, body: RelayCase, request: Request) -> dict:
        return _forward(request, department, body, status=True)

    return router
