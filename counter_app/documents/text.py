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


def units(text: str) -> list[str]:
    """The pieces a line may break between: ``tokens`` with the line-breaking rules applied.

    A run of opening punctuation is glued to what follows it and closing punctuation to what
    precedes it, so consecutive brackets move to the next line together with their word.
    """
    out: list[str] = []
    pending = ""                      # opening punctuation (and spaces after it) waiting
    for tok in tokens(text):
        if pending or tok[-1] in NO_LINE_END:
            pending += tok
            if tok[-1] in NO_LINE_END or tok.isspace():
                continue
            tok, pending = pending, ""
        if tok[0] in NO_LINE_START and out:
            if out[-1].isspace() and len(out) > 1:
                tok = out.pop() + tok
            out[-1] += tok
        else:
            out.append(tok)
    if pending:
        if out:
            out[-1] += pending
        else:
            out.append(pending)
    return out


def _wrap_para(para: str, size: float, full_width: float, first_indent: float = 0.0) -> list[str]:
    if not para:
        return [""]
    lines: list[str] = []
    line = ""                       # the line being filled

    def width() -> float:
        return full_width - (first_indent if not lines else 0.0)

    def flush() -> None:
        nonlocal line
        lines.append(line.rstrip())
        line = ""

    for unit in units(para):
        if not line and unit.isspace():
            continue
        if text_width(line + unit, size) <= width():
            line += unit
            continue
        if unit.isspace():
            flush()
            continue
        if line.strip() and text_width(unit.lstrip(), size) <= full_width:
            flush()                  # a whole unit to the next line
            line = unit.lstrip()
            continue
        line = _split_wide(line, unit, size, width, lines)   # alone wider than a line
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


def _split_wide(line: str, unit: str, size: float, width, lines: list[str]) -> str:
    """``unit`` broken by character from the end of ``line``: fitting the box comes first, but
    a break still never leaves opening punctuation at a line end nor starts with a closing one."""
    for ch in unit:
        if not line and ch.isspace():
            continue
        if not line.strip() or text_width(line + ch, size) <= width():
            line += ch
            continue
        keep, moved = line.rstrip(), ""
        while len(keep) > 1 and (keep[-1] in NO_LINE_END or (moved or ch)[0] in NO_LINE_START):
            moved, keep = keep[-1] + moved, keep[:-1].rstrip()
        if moved and text_width(moved + ch, size) > width():
            keep, moved = line.rstrip(), ""      # the moved run would not fit the next line
        lines.append(keep)
        line = moved + ch
    return line


def fit_size(text: str, size: float, width: float, *, minimum: float) -> float:
    """The largest font size up to ``size`` at which ``text`` fits on one line (not below minimum)."""
    w = text_width(text, size)
    if w <= width:
        return size
    return max(minimum, size * width / w)
