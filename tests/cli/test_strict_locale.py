"""Raw bytes on the command line in a Chinese locale: messages, never tracebacks (issue 14).

Under zh_CN.UTF-8 Python reads standard input and writes standard output strictly as UTF-8
(under C.UTF-8 it would escape bad bytes). This machine may lack the zh_CN locale, so
PYTHONIOENCODING=utf-8:strict gives the same strict streams; LANG is set as a clerk's PC has it.
"""

import os
import random
import subprocess
import sys

import pytest

from tests.conftest import MINI_CATALOG

STRICT = {**os.environ, "LANG": "zh_CN.UTF-8", "LC_ALL": "zh_CN.UTF-8", "PYTHONIOENCODING": "utf-8:strict"}


def _run(*argv, stdin: bytes = b""):
    return subprocess.run([sys.executable, "-m", "counter_app", *argv], input=stdin, capture_output=True,
                          env=STRICT, timeout=60)


def test_card_decode_reads_raw_bytes_from_standard_input():
    rng = random.Random(14)
    for n in range(12):
        raw = bytes(rng.randrange(256) for _ in range(rng.choice((1, 16, 256, 600))))
        p = _run("card", "decode", "-", stdin=raw)
        err = p.stderr.decode("utf-8")
        assert p.returncode == 1 and "Traceback" not in err, err
        assert len(err.strip().splitlines()) == 1


def test_card_decode_of_a_hex_record_still_works_from_bytes():
    from counter_app.cards.samples import sample

    p = _run("card", "decode", "-", stdin=sample("resident").text.hex(" ").encode("ascii"))
    assert p.returncode == 0, p.stderr.decode()
    assert "李秀英" in p.stdout.decode("utf-8")


@pytest.fixture(scope="module")
def station(tmp_path_factory):
    d = tmp_path_factory.mktemp("st")
    subprocess.run([sys.executable, "-m", "counter_app", "catalog", "import", str(MINI_CATALOG), "--data-dir", str(d)],
                   check=True, capture_output=True)
    return d


@pytest.mark.parametrize("query", [b"\xff", b"\xe4\xb8", b"gtgsh\xff", b"\xff\xfex"])
def test_catalog_search_with_undecodable_bytes_is_an_answer(station, query):
    p = subprocess.run([os.fsencode(sys.executable), b"-m", b"counter_app", b"catalog", b"search", query,
                        b"--data-dir", os.fsencode(station)], capture_output=True, env=STRICT, timeout=60)
    out, err = p.stdout.decode("utf-8"), p.stderr.decode("utf-8")
    assert p.returncode == 0 and "Traceback" not in err, err
    assert out.strip()                   # a list or "nothing found", in readable text
