from counter_app.documents.common import mask_address


def test_address_keeps_the_district_and_street_hides_road_and_number():
    assert mask_address("浙江省嘉兴市南湖区东栅街道广益路131号") == "浙江省嘉兴市南湖区东栅街道****"
    assert mask_address("北京市朝阳区建国路88号院3号楼2单元1101号") == "北京市朝阳区****"
    assert mask_address("内蒙古自治区呼和浩特市新城区") == "内蒙古自治区呼和浩特市****"
    masked = mask_address("某某路12号")
    assert "12" not in masked and masked.endswith("****")
