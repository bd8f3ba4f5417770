"""A keyring backend for child processes in tests: in memory, seeded from the environment
(``COUNTER_TEST_KEYRING``: JSON {"service\\nuser": secret}). Selected with
``PYTHON_KEYRING_BACKEND=tests.departments.env_keyring.EnvKeyring``."""

import json
import os

from tests.sync.memory_keyring import MemoryKeyring


class EnvKeyring(MemoryKeyring):
    def __init__(self) -> None:
        super().__init__()
        seed = json.loads(os.environ.get("COUNTER_TEST_KEYRING", "{}"))
        self.secrets = {tuple(k.split("\n", 1)): v for k, v in seed.items()}


def seed(memory_backend) -> str:
    return json.dumps({f"{s}\n{u}": v for (s, u), v in memory_backend.secrets.items()})
