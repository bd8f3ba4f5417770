"""Measuring and wrapping mixed Chinese/Latin text so no line is wider than its box.

Chinese breaks between any two characters; Latin words, numbers, case numbers and URLs stay
whole unless they alone are wider than the line, then they break by character. Closing
punctuation never starts a line and opening punctuation never ends one (禁则): the character
before it moves down with it.
"""

from __future__ import annotations

import re

from counter_app.documents.paper import text_width

NO_LINE_START = set("，。、；：？！）》」』】〕〉”’,.;:?!)]}%…·—")
NO_LINE_END = set("（《「『【〔〈“‘([{")
_TOKEN = re.compile(r"[A-Za-z0-9_\-./@:#%+*=&?~]+|\s+|.", re.S)


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def wrap(text: str, size: float, width: float) -> list[str]:
    """The lines of ``text`` at font ``size`` within ``width`` points; "\\n" forces a break."""
    lines: list[str] = []
    for para in str(text).split("\n"):
        lines.extend(_wrap_para(para, size, width))
    return lines


def _wrap_para(para: str, size: float, width: float) -> list[str]:
    if not para:
        return [""]
    lines: list[str] = []
    line = ""
    for tok in tokens(para):
        if line == "" and tok.isspace():
            continue
        candidate = line + tok
        if text_width(candidate, size) <= width:
            line = candidate
            continue
        if tok.isspace():
            lines.append(line.rstrip())
            line = ""
            continue
        if text_width(tok, size) > width:        # a single run wider than the line: split it
            for ch in tok:
                if text_width(line + ch, size) > width and line:
                    lines.append(line.rstrip())
                    line = ""
                line += ch
            continue
        carry = ""
        if tok[0] in NO_LINE_START and len(line) > 1:
            carry, line = line[-1], line[:-1]
        while len(line) > 1 and line[-1] in NO_LINE_END:
            carry, line = line[-1] + carry, line[:-1]
        if line.strip():
            lines.append(line.rstrip())
        line = carry + tok
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


def fit_size(text: str, size: float, width: float, *, minimum: float) -> float:
    """The largest font size up to ``size`` at which ``text`` fits on one line (not below minimum)."""
    w = text_width(text, size)
    if w <= width:
        return size
    return max(minimum, size * width / w)
