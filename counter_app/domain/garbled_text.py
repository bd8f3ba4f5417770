"""Catalog text that decoded without error but is nonsense (乱码), so an import can refuse it.

Two kinds reach a hall: UTF-8 that some tool read as Windows-1252/Latin-1 and saved as UTF-8
again ("个体" → "ä¸ªä½“"), and a Traditional-Chinese Big5 export, which decodes as GBK without
a single error into rare characters and kana ("個體工商戶" → "砰坝め砞"). Libraries such as
ftfy repair the first kind only; both checks are small, so they are written here.
"""

from __future__ import annotations

import unicodedata


def _is_cjk(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


def _common_hanzi(c: str) -> bool:
    """One of the 3,755 everyday characters (GB 2312 level 1, rows 0xB0–0xD7)."""
    try:
        b = c.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(b) == 2 and 0xB0 <= b[0] <= 0xD7


# Scripts that have no place in a Chinese service catalog but fill Big5 read as GBK.
_FOREIGN_RANGES = ((0x3040, 0x30FF), (0x0370, 0x03FF), (0x0400, 0x04FF), (0x2500, 0x257F),
                   (0xE000, 0xF8FF), (0xFE50, 0xFE6F), (0xFF61, 0xFF9F))


def _foreign(c: str) -> bool:
    o = ord(c)
    return any(lo <= o <= hi for lo, hi in _FOREIGN_RANGES)


def doubly_encoded(text: str) -> bool:
    """True when ``text`` is UTF-8 bytes shown as Windows-1252/Latin-1 characters."""
    if text.isascii() or any(ord(c) > 0x2122 for c in text):
        return False
    raw = bytearray()
    for c in text:
        if ord(c) < 0x100:
            raw.append(ord(c))
            continue
        try:
            raw += c.encode("cp1252")
        except UnicodeEncodeError:
            return False
    try:
        fixed = raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return fixed != text and any(_is_cjk(c) for c in fixed)


def big5_read_as_gbk(text: str) -> bool:
    """True for Chinese text mixed with kana, Cyrillic, box drawing or private-use characters."""
    return any(_is_cjk(c) for c in text) and any(_foreign(c) for c in text)


def mostly_rare(texts: list[str], *, minimum: int = 20, share: float = 0.9) -> bool:
    """True when, over a whole file, fewer than ``share`` of the Chinese characters are everyday
    ones: a Simplified catalog scores above 0.99 (the sample: 0.9999), Big5 read as GBK far below."""
    chars = [c for t in texts for c in t if _is_cjk(c)]
    if len(chars) < minimum:
        return False
    return sum(map(_common_hanzi, chars)) / len(chars) < share


def rare_share(text: str) -> float:
    chars = [c for c in text if _is_cjk(c)]
    return 0.0 if not chars else 1 - sum(map(_common_hanzi, chars)) / len(chars)


def bad_characters(text: str, *, multiline: bool = False) -> bool:
    """Control characters and lone surrogates (from a ``\\ud800`` escape): text that cannot be
    stored, printed or shown. ``multiline`` allows line breaks and tabs (notes)."""
    for c in text:
        cat = unicodedata.category(c)
        if cat == "Cs" or (cat == "Cc" and not (multiline and c in "\n\t")):
            return True
    return False


def shown(text: str, length: int = 24) -> str:
    """The start of a garbled text, safe to print in a message (control characters as ·)."""
    return "".join("·" if unicodedata.category(c)[0] == "C" else c for c in text[:length])
