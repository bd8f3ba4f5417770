"""From a case's values to a department's request body, and from its answer back: the
description's ``[fields]`` (output field = case value, ``=text`` a literal, dotted output names
nest) and ``[response]`` paths. XML, for platforms that take the case as an XML form field, is
the same tree written as elements."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any


def build(fields: dict[str, str], values: dict[str, Any]) -> dict:
    body: dict = {}
    for out, src in fields.items():
        value = src[1:] if src.startswith("=") else values.get(src, "")
        *parents, leaf = out.split(".")
        node = body
        for p in parents:
            node = node.setdefault(p, {})
        node[leaf] = value
    return body


def pick(data: Any, path: str) -> Any:
    """The value at a dotted path of a JSON answer (``data.items.0.ref``), None when absent."""
    node = data
    for part in path.split("."):
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return None
    return node


def put(body: dict, path: str, value: Any) -> None:
    *parents, leaf = path.split(".")
    for p in parents:
        body = body.setdefault(p, {})
    body[leaf] = value


def to_xml(root: str, body: dict) -> str:
    def fill(el: ET.Element, value: Any) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                fill(ET.SubElement(el, k), v)
        elif isinstance(value, list):
            for v in value:
                fill(ET.SubElement(el, "item"), v)
        else:
            el.text = "" if value is None else str(value)

    top = ET.Element(root)
    fill(top, body)
    return ET.tostring(top, encoding="unicode")


def from_xml(text: str) -> dict:
    """An XML answer as nested dicts (repeated children as lists); raises ValueError if broken."""
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise ValueError(str(exc)) from None

    def conv(el: ET.Element) -> Any:
        children = list(el)
        if not children:
            return el.text or ""
        out: dict = {}
        for c in children:
            v = conv(c)
            if c.tag in out:
                out[c.tag] = out[c.tag] if isinstance(out[c.tag], list) else [out[c.tag]]
                out[c.tag].append(v)
            else:
                out[c.tag] = v
        return out

    value = conv(root)
    return value if isinstance(value, dict) else {root.tag: value}
