"""Connector description files: good ones load into the registry; a mistake names the file, the
field and the problem, in the clerk's language, and the other files still load."""

from counter_app.connectors.description import load_all
from counter_app.connectors.registry import Registry
from counter_app.i18n import Translator
from counter_app.paths import resource

GOOD = '''
name = "市场监管 企业登记系统"
departments = ["402001"]
kind = "http_json"
[http]
base_url = "http://10.1.2.3:8080/gw"
[auth]
kind = "hmac"
[fields]
client_id = "delivery.id"
caseNo = "case.number"
"data.name" = "applicant.name"
source = "=counter"
[status_map]
"01" = "received"
'''

BROKEN = {
    "no_url.toml": ('name = "A"\ndepartments = ["1"]\nkind = "http_json"\n[http]\nbase_url = "ftp:/x"\n',
                    "http.base_url", "不是 http:// 或 https:// 地址"),
    "bad_kind.toml": ('name = "B"\ndepartments = ["2"]\nkind = "soap"\n', "kind", "应为以下之一"),
    "bad_auth.toml": ('name = "C"\ndepartments = ["3"]\nkind = "http_json"\n[http]\nbase_url = "http://a"\n'
                      '[auth]\nkind = "kerberos"\n', "auth.kind", "应为以下之一"),
    "bad_source.toml": ('name = "D"\ndepartments = ["4"]\nkind = "http_json"\n[http]\nbase_url = "http://a"\n'
                        '[fields]\nclient_id = "delivery.id"\nx = "applicant.shoe_size"\n', "fields.x",
                        "applicant.shoe_size"),
    "no_client_id.toml": ('name = "E"\ndepartments = ["5"]\nkind = "manual"\n[fields]\nx = "case.number"\n',
                          "fields", "delivery.id"),
    "bad_status.toml": ('name = "F"\ndepartments = ["6"]\nkind = "manual"\n[status_map]\n"9" = "finished"\n',
                        "status_map.9", "应为以下之一"),
    "not_toml.toml": ('name = "G\n', "-", "不是有效的 TOML"),
    "taken.toml": ('name = "H"\ndepartments = ["402001"]\nkind = "manual"\n', "departments", "402001"),
    "front.toml": ('name = "I"\ndepartments = ["7"]\nkind = "front_db"\n[front_db]\nurl = "postgresql://x/y"\n'
                   'accept_table = "drop table"\n', "front_db.accept_table", "不是有效的表名"),
}


def test_good_file_loads_with_its_mapping_and_credentials(tmp_path):
    (tmp_path / "a_market.toml").write_text(GOOD, encoding="utf-8")
    reg = Registry.load([tmp_path])
    assert reg.problems == []
    desc = reg.description("402001")
    assert desc.name == "市场监管 企业登记系统" and desc.system == "a_market"
    assert desc.http.base_url == "http://10.1.2.3:8080/gw"
    assert desc.fields["data.name"] == "applicant.name" and desc.fields["source"] == "=counter"
    assert desc.credential_fields == ("access_key", "secret_key")
    assert reg.connector("402001").kind == "http_json"
    assert reg.connector("999") is None


def test_each_mistake_names_file_field_and_problem_and_the_rest_still_load(tmp_path):
    (tmp_path / "a_market.toml").write_text(GOOD, encoding="utf-8")
    for name, (text, _, _) in BROKEN.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    found, problems = load_all([tmp_path])
    assert [d.system for d in found] == ["a_market"]
    zh, en = Translator("zh_CN"), Translator("en")
    by_file = {p.path.rsplit("/", 1)[1]: p for p in problems}
    assert set(by_file) == set(BROKEN)
    for name, (_, field, words) in BROKEN.items():
        p = by_file[name]
        assert p.field == field, name
        text = p.text(zh)
        assert name in text and field in text and words in text, text
        english = p.text(en)
        assert name in english and not any("\u4e00" <= ch <= "\u9fff" for ch in english.replace(name, "")), english


def test_shipped_examples_load(tmp_path):
    found, problems = load_all([resource("connectors")])
    assert problems == [] and len(found) >= 3
    assert {d.kind for d in found} >= {"http_json", "front_db", "manual"}
