"""ID-card readers and records (no Qt here: DESIGN.md rule 1).

- Records: :mod:`.record` (``CardData``, ``CardRead``), :mod:`.layout` (offsets, encoder),
  :mod:`.decode` (all-or-nothing decoding and checks), :mod:`.codes` (sex, ethnicity and
  nationality names), :mod:`.samples` (sample cards), :mod:`.photo` (photo plug-ins).
- Devices: :mod:`.events` (events, ``ReaderStatus``, the ``Monitor`` and ``Reader``
  interfaces), :mod:`.watcher` (PC/SC watcher thread), :mod:`.pcsc_reader` with
  :mod:`.profiles` (TOML reader profiles), :mod:`.serial_reader` with :mod:`.sam_frame`,
  :mod:`.simulator`, :mod:`.unavailable`, and :mod:`.station` to pick one from the settings.
- Test and benchmark rigs (not used at a counter): :mod:`.vpcd_emulator` (a card on
  vsmartcard's vpcd), :mod:`.pcscd_harness` (a private pcscd).

Personal data (names, numbers, addresses, photos) is never logged; reprs mask it.
"""

from counter_app.cards.decode import decode_hex, decode_record
from counter_app.cards.record import CARD_TYPES, CardData, CardRead

__all__ = ["CARD_TYPES", "CardData", "CardRead", "decode_hex", "decode_record"]
