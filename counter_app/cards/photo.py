"""Turning the card's 1024-byte WLT photo into an image, through an optional plug-in.

WLT is a patented compression; only the reader vendor's licensed decoder opens it, so the
product ships none. The raw bytes are always kept with the case (``CardData.photo``). A
decoder is a callable ``decode(wlt: bytes) -> bytes`` returning an image file's bytes (PNG or
BMP, anything Qt can load), found, first match wins, from:

1. an explicit ``"package.module:function"`` spec (a station setting, when the GUI has one),
2. the ``COUNTER_APP_PHOTO_DECODER`` environment variable, same form,
3. the first installed entry point in the group ``counter_app.photo_decoders``.

Without one, :func:`decode_photo` returns None and the screen shows a placeholder. A decoder
that fails is logged by its name only (never the photo) and treated as absent for that card.
"""

from __future__ import annotations

import importlib
import logging
import os
from importlib.metadata import entry_points
from typing import Callable

log = logging.getLogger(__name__)

ENTRY_POINT_GROUP = "counter_app.photo_decoders"
ENV_VAR = "COUNTER_APP_PHOTO_DECODER"

PhotoDecoder = Callable[[bytes], bytes]


def _load(spec: str) -> PhotoDecoder | None:
    module, _, attr = spec.partition(":")
    try:
        obj = importlib.import_module(module)
        for part in filter(None, attr.split(".")):
            obj = getattr(obj, part)
    except Exception as exc:   # a missing or broken plug-in must not stop the counter
        log.warning("photo decoder %s cannot be loaded (%s)", spec, type(exc).__name__)
        return None
    return obj if callable(obj) else None


def find_decoder(spec: str | None = None) -> PhotoDecoder | None:
    for candidate in (spec, os.environ.get(ENV_VAR)):
        if candidate:
            return _load(candidate)
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            decoder = ep.load()
        except Exception as exc:
            log.warning("photo decoder %s cannot be loaded (%s)", ep.name, type(exc).__name__)
            continue
        if callable(decoder):
            return decoder
    return None


def decode_photo(wlt: bytes, decoder: PhotoDecoder | None) -> bytes | None:
    """The photo as image bytes, or None (no photo, no decoder, or the decoder failed)."""
    if not wlt or decoder is None:
        return None
    try:
        image = decoder(bytes(wlt))
    except Exception as exc:
        log.warning("photo decoder failed (%s)", type(exc).__name__)
        return None
    return bytes(image) if image else None
