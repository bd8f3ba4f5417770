"""Names on screen where the whole name is not needed (lists of other people's cases)."""

from __future__ import annotations


def mask_name(name: str) -> str:
    """张晓梅 → 张*梅, 李雷 → 李*, a company keeps its first four characters: 嘉兴市某某… → 嘉兴市某****."""
    name = name.strip()
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    if len(name) <= 4:
        return name[0] + "*" * (len(name) - 2) + name[-1]
    return name[:4] + "*" * min(4, len(name) - 4)
