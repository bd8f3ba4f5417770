"""Archived documents are sealed (AES-GCM under the station's key): a copied archive shows no
applicant's data, a changed byte is refused, a reprint sends the very bytes first printed, and an
earlier version's archive in clear is sealed at start."""

from __future__ import annotations

import pytest

from counter_app.documents import archive
from counter_app.errors import UserError
from counter_app.store import sealed, station_keys

NUMBER = "330402001-W01-20261127-0001"
PDF = "%PDF-1.4 张三 11010519491231002X 北京市朝阳区 13800000000".encode()


def test_an_archived_document_is_sealed_on_disk_and_read_back_byte_for_byte(tmp_path):
    path = archive.store(tmp_path, NUMBER, "receipt", PDF)
    raw = path.read_bytes()
    assert raw.startswith(sealed.MAGIC) and not raw.startswith(b"%PDF")
    assert b"11010519491231002X" not in raw and "张三".encode() not in raw
    assert archive.load(tmp_path, NUMBER, "receipt") == PDF
    assert archive.read_path(path) == PDF
    again = archive.store(tmp_path, NUMBER, "receipt", PDF)      # the same document: no second copy
    assert again == path and sorted(p.name for p in path.parent.iterdir()) == ["receipt.pdf"]


def test_a_changed_byte_or_another_stations_key_is_refused(tmp_path):
    path = archive.store(tmp_path / "a", NUMBER, "receipt", PDF)
    raw = bytearray(path.read_bytes())
    raw[-5] ^= 0x01
    path.write_bytes(bytes(raw))
    with pytest.raises(UserError) as err:
        archive.load(tmp_path / "a", NUMBER, "receipt")
    assert err.value.key == "keys.sealed_damaged"
    other = archive.store(tmp_path / "b", NUMBER, "receipt", PDF)
    (tmp_path / "a" / "archive" / NUMBER / "receipt.pdf").write_bytes(other.read_bytes())
    with pytest.raises(UserError):
        archive.load(tmp_path / "a", NUMBER, "receipt")


def test_an_earlier_versions_archive_in_clear_is_sealed_once(tmp_path):
    station_keys.station_key(tmp_path, create=True)
    folder = tmp_path / "archive" / NUMBER
    folder.mkdir(parents=True)
    (folder / "receipt.pdf").write_bytes(PDF)
    assert archive.load(tmp_path, NUMBER, "receipt") == PDF        # read as it is meanwhile
    assert archive.seal_earlier_files(tmp_path) == 1
    assert (folder / "receipt.pdf").read_bytes().startswith(sealed.MAGIC)
    assert archive.load(tmp_path, NUMBER, "receipt") == PDF
    assert archive.seal_earlier_files(tmp_path) == 0               # marked done: nothing read again
