"""Code tables printed on the cards as names: sex (GB/T 2261.1), ethnicity (GB/T 3304)
and nationality (GB/T 2659, alpha-3 and numeric).

Names are what the card itself prints: ``汉`` (not ``汉族``), ``男``/``女``. Older vendor
tables name code 36 毛难族 and 46 崩龙族; the standard today says 毛南族 and 德昂族, which is
what we show. The nationality table holds the countries a county hall meets most; any other
valid-looking code falls back to the code itself (with a warning), it is never an error.
"""

from __future__ import annotations

SEX = {"0": "未知的性别", "1": "男", "2": "女", "9": "未说明的性别"}

_ETHNIC = (
    "汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 "
    "东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 "
    "俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺"
).split()
assert len(_ETHNIC) == 56
# GB/T 3304's romanized names, in the same order: what an English screen shows
_ETHNIC_ROMAN = (
    "Han Mongol Hui Zang Uygur Miao Yi Zhuang Buyei Chosen Man Dong Yao Bai Tujia Hani Kazak Dai Li "
    "Lisu Va She Gaoshan Lahu Sui Dongxiang Naxi Jingpo Kirgiz Tu Daur Mulao Qiang Blang Salar Maonan "
    "Gelao Xibe Achang Pumi Tajik Nu Uzbek Russ Ewenki Deang Bonan Yugur Gin Tatar Derung Oroqen "
    "Hezhen Monba Lhoba Jino"
).split()
assert len(_ETHNIC_ROMAN) == 56
ETHNICITY_ROMAN = dict(zip(_ETHNIC, _ETHNIC_ROMAN))
ETHNICITY_ROMAN.update({"其他": "Other", "外国血统中国籍人士": "Foreign origin"})

ETHNICITY = {f"{i:02d}": name for i, name in enumerate(_ETHNIC, start=1)}
ETHNICITY.update({"97": "其他", "98": "外国血统中国籍人士"})

# alpha-3, numeric, Chinese short name (GB/T 2659)
_COUNTRIES = """
CHN 156 中国|HKG 344 中国香港|MAC 446 中国澳门|TWN 158 中国台湾|USA 840 美国|CAN 124 加拿大
MEX 484 墨西哥|BRA 076 巴西|ARG 032 阿根廷|CHL 152 智利|PER 604 秘鲁|COL 170 哥伦比亚
GBR 826 英国|IRL 372 爱尔兰|FRA 250 法国|DEU 276 德国|ITA 380 意大利|ESP 724 西班牙
PRT 620 葡萄牙|NLD 528 荷兰|BEL 056 比利时|CHE 756 瑞士|AUT 040 奥地利|SWE 752 瑞典
NOR 578 挪威|DNK 208 丹麦|FIN 246 芬兰|POL 616 波兰|CZE 203 捷克|HUN 348 匈牙利
GRC 300 希腊|ROU 642 罗马尼亚|RUS 643 俄罗斯|UKR 804 乌克兰|BLR 112 白俄罗斯|TUR 792 土耳其
ISR 376 以色列|IRN 364 伊朗|SAU 682 沙特阿拉伯|ARE 784 阿联酋|EGY 818 埃及|ZAF 710 南非
NGA 566 尼日利亚|KEN 404 肯尼亚|ETH 231 埃塞俄比亚|MAR 504 摩洛哥|IND 356 印度|PAK 586 巴基斯坦
BGD 050 孟加拉国|NPL 524 尼泊尔|LKA 144 斯里兰卡|KAZ 398 哈萨克斯坦|UZB 860 乌兹别克斯坦
KGZ 417 吉尔吉斯斯坦|MNG 496 蒙古|JPN 392 日本|KOR 410 韩国|PRK 408 朝鲜|VNM 704 越南
LAO 418 老挝|KHM 116 柬埔寨|THA 764 泰国|MMR 104 缅甸|MYS 458 马来西亚|SGP 702 新加坡
IDN 360 印度尼西亚|PHL 608 菲律宾|AUS 036 澳大利亚|NZL 554 新西兰
"""

NATIONALITY_ALPHA3: dict[str, str] = {}
NATIONALITY_NUMERIC: dict[str, str] = {}
for _entry in _COUNTRIES.replace("\n", "|").split("|"):
    if _entry.strip():
        _a3, _num, _name = _entry.split()
        NATIONALITY_ALPHA3[_a3] = _name
        NATIONALITY_NUMERIC[_num] = _name


def sex_name(code: str) -> str | None:
    return SEX.get(code)


def ethnicity_name(code: str) -> str | None:
    return ETHNICITY.get(code)


def ethnicity_roman(name: str) -> str:
    """The romanized name (GB/T 3304) of an ethnicity as the card prints it; unknown ones as they are."""
    return ETHNICITY_ROMAN.get(name, name)


def nationality_alpha3(name: str) -> str | None:
    """The alpha-3 code of a country named as in our table (美国 → USA), for an English screen."""
    return next((a3 for a3, n in NATIONALITY_ALPHA3.items() if n == name), None)


def nationality_name(code: str) -> tuple[str, bool]:
    """(name, known). An unknown code is returned as itself with ``known`` False."""
    table = NATIONALITY_NUMERIC if code.isdigit() else NATIONALITY_ALPHA3
    name = table.get(code.upper())
    return (name, True) if name else (code, False)
