"""Every message exists in both languages with the same named placeholders."""

import json
import re
import string

from counter_app.paths import resource

PLACEHOLDER = re.compile(r"%\((\w+)\)")


def _names(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f} | set(PLACEHOLDER.findall(text))


def _table():
    out = {}
    for path in sorted(resource("translations").glob("*.json")):
        for key, entry in json.loads(path.read_text(encoding="utf-8")).items():
            assert key not in out, f"{key} is in {out.get(key, ('?',))[0]} and {path.name}"
            out[key] = (path.name, entry)
    return out


def test_every_key_has_both_languages_and_the_same_placeholders():
    for key, (_, entry) in _table().items():
        assert entry.get("zh_CN"), key
        if key.startswith("argparse:"):       # argparse's own English is the other language
            assert _names(entry["zh_CN"]) == _names(key[len("argparse:"):]), key
            continue
        assert entry.get("en"), key
        assert _names(entry["zh_CN"]) == _names(entry["en"]), key
