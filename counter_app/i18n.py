"""Translations for text the user sees, without Qt.

Each ``resources/translations/*.json`` file maps a message key to its text per language::

    {"catalog.bad_json": {"zh_CN": "目录文件无法读取：{detail}", "en": "Cannot read ..."}}

Placeholders are named (``{detail}``), never positional. zh_CN is the default language;
a key missing in the chosen language falls back to zh_CN, then to the key itself.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from counter_app.paths import resource

DEFAULT_LANGUAGE = "zh_CN"
LANGUAGES = ("zh_CN", "en")


@lru_cache(maxsize=4)
def _load(folder: str) -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {}
    for path in sorted(Path(folder).glob("*.json")):
        table.update(json.loads(path.read_text(encoding="utf-8")))
    return table


def normalize_language(lang: str | None) -> str:
    if not lang:
        return DEFAULT_LANGUAGE
    lang = lang.replace("-", "_")
    if lang.lower().startswith("en"):
        return "en"
    return DEFAULT_LANGUAGE


class Translator:
    def __init__(self, language: str | None = None, folder: Path | None = None) -> None:
        self.language = normalize_language(language)
        self._table = _load(str(folder or resource("translations")))

    def __call__(self, key: str, **params: Any) -> str:
        entry = self._table.get(key)
        if entry is None:
            text = key
        else:
            text = entry.get(self.language) or entry.get(DEFAULT_LANGUAGE) or key
        if params:
            from counter_app.errors import Label

            params = {k: self(v) if isinstance(v, Label) else v for k, v in params.items()}
            try:
                return text.format(**params)
            except (KeyError, IndexError, ValueError):
                return text
        return text

    def join(self, names) -> str:
        """A list in running text: 甲、乙、丙 in Chinese, "a, b, c" in English."""
        return self("text.list_separator").join(names)

    def error(self, exc: Exception) -> str:
        """The message for an exception: translated for a UserError, generic otherwise."""
        from counter_app.errors import UserError

        if isinstance(exc, UserError):
            return self(exc.key, **exc.params)
        return self("error.unexpected", detail=type(exc).__name__)

    def has(self, key: str) -> bool:
        return key in self._table
