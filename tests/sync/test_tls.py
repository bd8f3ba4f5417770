"""TLS: ``counter-central serve --cert/--key`` and a window that trusts only the hall's CA
(``counter-app enrol URL CODE --ca FILE``). A throwaway CA made with ``cryptography``: a server
certificate it signed is accepted (enrolment and sync work), one it did not sign is refused with a
clear message and nothing is enrolled; the system store does not vouch for the hall's CA either."""

import datetime as dt
import ipaddress
import json
import os
import socket
import subprocess
import sys
import time

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from counter_app.central import admin
from counter_app.central.database import Database, url_for
from counter_app.cli import main as app_main
from tests.conftest import MINI_CATALOG
from tests.central.conftest import free_port

NOW = dt.datetime.now(dt.timezone.utc)


def _name(cn):
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def _ca(folder, cn):
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder().subject_name(_name(cn)).issuer_name(_name(cn)).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(NOW - dt.timedelta(days=1))
            .not_valid_after(NOW + dt.timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                         content_commitment=False, key_encipherment=False, data_encipherment=False,
                                         key_agreement=False, encipher_only=False, decipher_only=False), critical=True)
            .sign(key, hashes.SHA256()))
    path = folder / f"{cn}.pem"
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return key, cert, path


def _server_cert(folder, name, ca_key, ca_cert):
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder().subject_name(_name("127.0.0.1")).issuer_name(ca_cert.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(NOW - dt.timedelta(days=1)).not_valid_after(NOW + dt.timedelta(days=30))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .sign(ca_key, hashes.SHA256()))
    cert_path, key_path = folder / f"{name}.crt", folder / f"{name}.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


class TlsServer:
    """The real ``counter-central serve --cert --key`` in its own process."""

    def __init__(self, data_dir, cert, key):
        self.port = free_port()
        self.url = f"https://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "counter_app.central.cli", "serve", "--data-dir", str(data_dir),
             "--port", str(self.port), "--cert", str(cert), "--key", str(key)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"})
        deadline = time.monotonic() + 30
        while True:                                    # listening: a TCP connect succeeds
            if self.proc.poll() is not None:
                raise RuntimeError(self.proc.stdout.read().decode())
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("counter-central serve did not start") from None
                time.sleep(0.05)

    def stop(self):
        self.proc.terminate()
        self.proc.wait(10)
        self.proc.stdout.close()


@pytest.fixture
def hall_ca(tmp_path):
    ca_key, ca_cert, ca_pem = _ca(tmp_path, "Nanhu Hall CA")
    rogue_key, rogue_cert, _ = _ca(tmp_path, "Someone Else CA")
    good = _server_cert(tmp_path, "hall", ca_key, ca_cert)
    bad = _server_cert(tmp_path, "rogue", rogue_key, rogue_cert)
    central = tmp_path / "central"
    central.mkdir()
    db = Database(url_for(data_dir=central))
    admin.add_hall(db, "330402001", "南湖区政务服务中心")
    yield db, central, ca_pem, good, bad
    db.close()


def _station(tmp_path, name):
    path = tmp_path / name
    assert app_main(["catalog", "import", str(MINI_CATALOG), "--data-dir", str(path)]) == 0
    return path


def test_the_window_trusts_the_halls_ca_and_refuses_another_certificate(tmp_path, hall_ca, capsys):
    db, central, ca_pem, (cert, key), (rogue_cert, rogue_key) = hall_ca
    w1 = _station(tmp_path, "w1")

    rogue = TlsServer(central, rogue_cert, rogue_key)      # a server whose certificate our CA never signed
    try:
        code, _ = admin.new_enrolment_code(db, hall="330402001", window="W01")
        capsys.readouterr()
        assert app_main(["enrol", rogue.url, code, "--ca", str(ca_pem), "--data-dir", str(w1)]) != 0
        err = capsys.readouterr().err
        assert "不是本大厅的 CA 签发的" in err
        assert not (w1 / "sync.json").exists()            # nothing enrolled
    finally:
        rogue.stop()

    server = TlsServer(central, cert, key)
    try:
        code2, _ = admin.new_enrolment_code(db, hall="330402001", window="W02")
        assert app_main(["enrol", server.url, code2, "--data-dir", str(w1)]) != 0   # the system store does not know our CA
        assert "不是本大厅的 CA 签发的" in capsys.readouterr().err
        assert app_main(["enrol", server.url, code2, "--ca", str(ca_pem), "--data-dir", str(w1)]) == 0
        assert json.loads((w1 / "sync.json").read_text(encoding="utf-8"))["ca_file"] == str(ca_pem.resolve())
        assert app_main(["demo", "cases", "--count", "2", "--data-dir", str(w1)]) == 0
        capsys.readouterr()
        assert app_main(["sync", "--once", "--json", "--data-dir", str(w1)]) == 0
        report = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
        assert report["pushed"] > 0 and report["pending"] == 0
        assert len(admin.cases_of_hall(db, "330402001")) == 2          # counted on the server
    finally:
        server.stop()
