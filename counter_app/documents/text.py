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


JOIN = "\u2060"      # WORD JOINER: ``nobreak()`` glues characters into one unbreakable run


def nobreak(text: str) -> str:
    """``text`` kept on one line when wrapped (unless it alone is wider than the line)."""
    return JOIN.join(text)


def tokens(text: str) -> list[str]:
    out: list[str] = []
    glue = False
    for tok in _TOKEN.findall(text):
        if tok == JOIN:
            glue = True
            continue
        if glue and out:
            out[-1] += tok
        else:
            out.append(tok)
        glue = False
    return out


def wrap(text: str, size: float, width: float, *, first_indent: float = 0.0) -> list[str]:
    """The lines of ``text`` at font ``size`` within ``width`` points; "\\n" forces a break.

    ``first_indent`` narrows the first line of each paragraph (the two-character indent of
    Chinese official letters).
    """
    lines: list[str] = []
    for para in str(text).split("\n"):
        lines.extend(_wrap_para(para, size, width, first_indent))
    return lines


def _wrap_para(para: str, size: float, full_width: float, first_indent: float = 0.0) -> list[str]:
    if not para:
        return [""]
    lines: list[str] = []
    line: list[str] = []            # the tokens of the line being filled
    for tok in tokens(para):
        width = full_width - (first_indent if not lines else 0.0)
        if not line and tok.isspace():
            continue
        if text_width("".join(line) + tok, size) <= width:
            line.append(tok)
            continue
        if tok.isspace():
            lines.append("".join(line).rstrip())
            line = []
            continue
        if text_width(tok, size) > width:        # a single run wider than the line: split it
            for ch in tok:
                if line and text_width("".join(line) + ch, size) > width:
                    lines.append("".join(line).rstrip())
                    line = []
                line.append(ch)
            continue
        carry: list[str] = []
        if tok[0] in NO_LINE_START:
            while len(line) > 1:
                carry.insert(0, line.pop())
                if carry[0][0] not in NO_LINE_START:
                    break
        while len(line) > 1 and line[-1][-1] in NO_LINE_END:
            carry.insert(0, line.pop())
        if carry and text_width("".join(carry) + tok, size) > full_width:
            line += carry          # fitting the box comes before the line-breaking rules
            carry = []
        if "".join(line).strip():
            lines.append("".join(line).rstrip())
        line = carry + [tok]
    if "".join(line).strip() or not lines:
        lines.append("".join(line).rstrip())
    return lines


def fit_size(text: str, size: float, width: float, *, minimum: float) -> float:
    """The largest font size up to ``size`` at which ``text`` fits on one line (not below minimum)."""
    w = text_width(text, size)
    if w <= width:
        return size
    return max(minimum, size * width / w)
