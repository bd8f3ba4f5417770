"""Prints pyproject.toml's dependencies with the pins of a requirements file put first in place
of the same packages' (the frozen Linux app's Qt 6.8 line instead of the development pin).
    python frozen_requirements.py pyproject.toml requirements-frozen.txt"""

import re
import sys
import tomllib


def name(requirement: str) -> str:
    return re.split(r"[\s\[<>=!~;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


with open(sys.argv[1], "rb") as f:
    project = tomllib.load(f)["project"]["dependencies"]
with open(sys.argv[2], encoding="utf-8") as f:
    frozen = [line.strip() for line in f if line.strip() and not line.startswith("#")]
taken = {name(r) for r in frozen}
print("\n".join(frozen + [r for r in project if name(r) not in taken]))
