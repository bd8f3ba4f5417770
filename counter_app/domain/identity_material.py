"""The applicant's identity paper on the checklist follows the document they actually hold.

Catalogs list "居民身份证" for the applicant; a Hong Kong/Macao/Taiwan resident holds a
港澳台居民居住证 and a foreigner a 外国人永久居留身份证, so that line is named after the
applicant's ID type (on screen, on the receipt, in the saved case). A card read on the reader
is that paper seen in the original, so a read ticks the line — and the handler's own ID
(经办人身份证件), which is the card of the person at the window — unless the line asks for
several people's cards (夫妻双方, 全体继承人, ...): one card then proves only one of them.
"""

from __future__ import annotations

import dataclasses

from counter_app.domain.case import MaterialLine, material_key

IDENTITY_KEY = material_key("居民身份证")
HANDLER_KEY = material_key("经办人身份证件")
DOCUMENT_NAMES = {
    "resident": "居民身份证",
    "hkmo_tw_permit": "港澳台居民居住证",
    "foreign_2017": "外国人永久居留身份证",
    "foreign_2023": "外国人永久居留身份证",
    "other": "有效身份证件",
}
# A note naming more than one person: one card read does not prove the line.
SEVERAL_PEOPLE = ("双方", "全体", "家庭成员", "共同生活", "夫妻", "父母双方", "和承租人", "成员")


def for_document(lines: list[MaterialLine], id_type: str | None) -> list[MaterialLine]:
    """``lines`` with the applicant's identity line named after the document of ``id_type``."""
    name = DOCUMENT_NAMES.get(id_type or "resident", DOCUMENT_NAMES["resident"])
    return [dataclasses.replace(line, name=name) if line.key == IDENTITY_KEY and line.name != name else line
            for line in lines]


def proven_by_card(lines: list[MaterialLine]) -> list[str]:
    """Keys of the lines a card read on the reader proves (the applicant's or handler's own ID)."""
    return [line.key for line in lines if line.key in (IDENTITY_KEY, HANDLER_KEY)
            and not any(word in line.note for word in SEVERAL_PEOPLE)]
