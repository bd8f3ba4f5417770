from counter_app.domain.case import PENDING, RECEIVED_COPY, RECEIVED_ORIGINAL
from counter_app.domain.catalog import Material, ServiceItem
from counter_app.domain.draft import IntakeDraft


def item(code, *materials):
    return ServiceItem(code, f"事项{code}", "D", "immediate", 1, 0, materials=materials)


def test_all_received_takes_required_lines_in_their_form_and_leaves_optional_ones():
    d = IntakeDraft()
    d.add_item(item("A", Material("1", "申请书"), Material("2", "营业执照", form="copy"),
                    Material("3", "授权委托书", required=False)))
    d.mark_all_received()
    states = {l.name: d.check(l.key).state for l in d.lines}
    assert states == {"申请书": RECEIVED_ORIGINAL, "营业执照": RECEIVED_COPY, "授权委托书": PENDING}
    d.set_applicant(None, True)
    assert d.assessment().allowed == {"accept", "reject"}


def test_removing_an_item_drops_its_lines_but_keeps_shared_checks():
    d = IntakeDraft()
    d.add_item(item("A", Material("1", "居民身份证"), Material("2", "申请书A")))
    d.add_item(item("B", Material("1", "居民身份证"), Material("2", "申请书B")))
    assert len(d.lines) == 3
    d.mark_all_received()
    d.remove_item("A")
    assert [l.name for l in d.lines] == ["居民身份证", "申请书B"]
    assert all(d.check(l.key).state == RECEIVED_ORIGINAL for l in d.lines)


def test_adding_the_same_item_twice_is_refused():
    d = IntakeDraft()
    a = item("A", Material("1", "申请书"))
    assert d.add_item(a) and not d.add_item(a)
