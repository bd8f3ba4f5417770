"""A large, realistic-looking catalog for benchmarks: subjects × actions × places."""

from __future__ import annotations

import random

from counter_app.domain.pinyin_keys import item_keys
from counter_app.domain.search import SearchEntry

SUBJECTS = [
    "个体工商户", "有限责任公司", "股份有限公司", "农民专业合作社", "外商投资企业", "食品经营许可证", "食品生产许可证",
    "药品经营许可证", "医疗器械经营备案", "医疗机构执业许可证", "护士执业注册", "医师执业注册", "建筑工程施工许可证",
    "建设工程规划许可证", "建设用地规划许可证", "商品房预售许可证", "不动产权证书", "房屋租赁登记备案", "道路运输经营许可证",
    "道路运输从业资格证", "出租汽车驾驶员从业资格", "机动车驾驶证", "机动车行驶证", "居民身份证", "居住证", "户口迁移",
    "出生登记", "结婚登记", "离婚登记", "收养登记", "社会团体登记", "民办非企业单位登记", "基本养老保险", "基本医疗保险",
    "失业保险金", "工伤认定", "生育津贴", "住房公积金", "公积金贷款", "教师资格", "民办学校办学许可证", "残疾人证",
    "最低生活保障", "特困人员供养", "临时救助", "烟草专卖零售许可证", "排污许可证", "取水许可证", "林木采伐许可证",
    "娱乐场所经营许可证", "网吧经营许可证", "出版物经营许可证", "广播电视节目制作经营许可证", "公共场所卫生许可证",
    "消防安全检查", "危险化学品经营许可证", "烟花爆竹经营许可证", "特种设备使用登记", "计量器具型式批准", "劳务派遣经营许可",
    "人力资源服务许可证", "律师执业证", "公证", "法律援助", "退役军人优待证", "城乡居民养老保险", "职工医疗保险",
    "异地就医备案", "门诊慢特病待遇认定", "生育登记服务", "独生子女父母奖励", "宅基地使用权", "农村土地承包经营权",
    "渔业捕捞许可证", "动物防疫条件合格证", "兽药经营许可证", "农药经营许可证", "种子生产经营许可证", "水土保持方案",
    "河道管理范围内建设项目", "城市道路占用挖掘", "户外广告设施设置", "城市建筑垃圾处置核准", "燃气经营许可证",
    "供水接入", "供电接入", "燃气接入", "有线电视过户", "档案查询", "学籍证明", "职业资格证书", "职称评审", "就业登记",
    "失业登记", "创业担保贷款", "技能培训补贴", "高校毕业生就业补贴", "养老服务机构备案", "殡葬服务", "丧葬补助金",
]
ACTIONS = ["设立登记", "变更登记", "注销登记", "核发", "变更", "延续", "补发", "换发", "注销", "备案", "查询", "申领",
           "转移登记", "抵押登记", "提取", "认定", "审批", "年度报告", "撤销", "证明开具"]
PLACES = ["", "（县级）", "（市级权限下放）", "（乡镇代办）", "（跨省通办）", "（全程网办）"]
ALIASES = {"个体工商户": "个体户", "住房公积金": "公积金", "基本养老保险": "社保", "机动车驾驶证": "驾照",
           "居民身份证": "身份证", "有限责任公司": "公司"}


def synthetic_entries(n: int = 10_000, seed: int = 7) -> list[SearchEntry]:
    rng = random.Random(seed)
    combos = [(s, a, p) for s in SUBJECTS for a in ACTIONS for p in PLACES]
    rng.shuffle(combos)
    entries = []
    for k, (subject, action, place) in enumerate(combos[:n]):
        name = f"{subject}{action}{place}"
        aliases = (f"{ALIASES[subject]}{action}",) if subject in ALIASES else ()
        code = f"{330402 + k % 97:06d}{k:08d}"
        entries.append(SearchEntry(code, name, f"D{k % 30:02d}", aliases,
                                   tuple(tuple(x) for x in item_keys(name, aliases))))
    return entries


# Every keystroke searches, so most searches are short: one slot in five is the first one or two
# characters of something (initials, a name, a code) or two single letters (``d j``).
MIX = ["name", "initials", "full", "code", "alias"] * 4 + ["short"] * 5
SHORT_KINDS = ["initial", "initials2", "name_start", "two_letters", "code_start"]


def sample_queries(entries: list[SearchEntry], n: int = 400, seed: int = 11) -> list[str]:
    """What clerks type: name fragments, initials, full-pinyin prefixes, code prefixes, aliases,
    and the short first keystrokes of each (20%)."""
    rng = random.Random(seed)
    queries = []
    for i in range(n):
        e = rng.choice(entries)
        full, initials = e.keys[0]
        kind = MIX[i % len(MIX)]
        if kind == "name":
            start = rng.randrange(max(1, len(e.name) - 3))
            queries.append(e.name[start:start + rng.randint(2, 4)])
        elif kind == "initials":
            queries.append(initials[: rng.randint(3, 6)])
        elif kind == "full":
            queries.append(full[: rng.randint(4, 12)])
        elif kind == "code":
            queries.append(e.code[: rng.randint(8, 14)])
        elif kind == "alias":
            queries.append(e.aliases[0] if e.aliases else e.name[:3])
        else:
            short = SHORT_KINDS[(i // len(MIX)) % len(SHORT_KINDS)]
            if short == "initial":
                queries.append(initials[:1])
            elif short == "initials2":
                queries.append(initials[:2])
            elif short == "name_start":
                queries.append(e.name[: rng.randint(1, 2)])
            elif short == "two_letters":
                queries.append(f"{initials[0]} {initials[1]}")
            else:
                queries.append(e.code[: rng.randint(1, 2)])
    return queries
