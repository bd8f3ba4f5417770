"""Catalog text that decoded without error but is nonsense (乱码), so an import can refuse it.

Two kinds reach a hall: UTF-8 that some tool read as Windows-1252/Latin-1 and saved as UTF-8
again ("个体" → "ä¸ªä½“"), and a Traditional-Chinese Big5 export, which decodes as GBK without
a single error into rare characters and kana ("個體工商戶" → "砰坝め砞"). Libraries such as
ftfy repair the first kind only; both checks are small, so they are written here.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


_CJK = re.compile("[\u4e00-\u9fff]")
# Scripts that have no place in a Chinese service catalog but fill Big5 read as GBK: kana, Greek,
# Cyrillic, box drawing, private use, small form variants, half-width katakana.
_FOREIGN = re.compile("[\u3040-\u30ff\u0370-\u03ff\u0400-\u04ff\u2500-\u257f\ue000-\uf8ff"
                      "\ufe50-\ufe6f\uff61-\uff9f]")
_BAD = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")      # control characters, lone surrogates
_BAD_MULTILINE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


@lru_cache(maxsize=1)
def _common_hanzi() -> frozenset[str]:
    """The 3,755 everyday characters (GB 2312 level 1, rows 0xB0–0xD7)."""
    return frozenset(bytes([hi, lo]).decode("gb2312", errors="ignore")
                     for hi in range(0xB0, 0xD8) for lo in range(0xA1, 0xFF)) - {""}


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
    return fixed != text and _CJK.search(fixed) is not None


def big5_read_as_gbk(text: str) -> bool:
    """True for Chinese text mixed with kana, Cyrillic, box drawing or private-use characters."""
    return _FOREIGN.search(text) is not None and _CJK.search(text) is not None


def mostly_rare(texts: list[str], *, minimum: int = 20, share: float = 0.9) -> bool:
    """True when, over a whole file, fewer than ``share`` of the Chinese characters are everyday
    ones: a Simplified catalog scores above 0.99 (the sample: 0.9999), Big5 read as GBK far below."""
    chars = _CJK.findall("".join(texts))
    if len(chars) < minimum:
        return False
    common = _common_hanzi()
    return sum(c in common for c in chars) / len(chars) < share


def rare_share(text: str) -> float:
    chars = _CJK.findall(text)
    common = _common_hanzi()
    return 0.0 if not chars else 1 - sum(c in common for c in chars) / len(chars)


def bad_characters(text: str, *, multiline: bool = False) -> bool:
    """Control characters and lone surrogates (from a ``\\ud800`` escape): text that cannot be
    stored, printed or shown. ``multiline`` allows line breaks and tabs (notes)."""
    return (_BAD_MULTILINE if multiline else _BAD).search(text) is not None


def shown(text: str, length: int = 24) -> str:
    """The start of a garbled text, safe to print in a message (control characters as ·)."""
    return "".join("·" if unicodedata.category(c)[0] == "C" else c for c in text[:length])
