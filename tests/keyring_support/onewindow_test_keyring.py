"""The test suite's keyring backend: the real ``keyring`` API, secrets in memory, shared with the
suite's child processes (kill tests, the CLI run as a program) through one JSON file named by
``ONEWINDOW_TEST_KEYRING``. A top-level module on its own folder of PYTHONPATH, so a child — also
one running an installed wheel — imports it without the checkout on its path.

Selected for the whole suite by tests/conftest.py with keyring's own switch,
``PYTHON_KEYRING_BACKEND=onewindow_test_keyring.SharedTestKeyring``.
"""

import fcntl
import json
import os

from keyring.backend import KeyringBackend


class SharedTestKeyring(KeyringBackend):
    priority = 1

    def _path(self):
        return os.environ["ONEWINDOW_TEST_KEYRING"]

    def _update(self, change):
        with open(self._path(), "a+", encoding="utf-8") as f:
            fcntl.flock(f, fcntl.LOCK_EX)
            f.seek(0)
            text = f.read()
            secrets = json.loads(text) if text.strip() else {}
            if change is None:
                return secrets
            change(secrets)
            f.seek(0)
            f.truncate()
            json.dump(secrets, f)
            return secrets

    def get_password(self, service, username):
        return self._update(None).get(f"{service}\x1f{username}")

    def set_password(self, service, username, password):
        self._update(lambda s: s.__setitem__(f"{service}\x1f{username}", password))

    def delete_password(self, service, username):
        self._update(lambda s: s.pop(f"{service}\x1f{username}", None))
