"""Materials shared by many items (one name everywhere, so the intake screen can merge them)
and the fee schedule."""

# key: (name, form, copies, required, gap_allowed, note)
MATERIALS = {
    "ID": ("居民身份证", "original", 1, True, False, ""),
    "HK": ("户口簿", "original", 1, True, False, ""),
    "BL": ("营业执照", "copy", 1, True, False, "复印件加盖公章"),
    "LR": ("法定代表人身份证件", "copy", 1, True, False, "复印件"),
    "JB": ("经办人身份证件", "original", 1, True, False, ""),
    "AUTH": ("授权委托书及受托人身份证", "original", 1, False, False, "委托他人办理的提供"),
    "EAUTH": ("授权委托书", "original", 1, False, False, "非法定代表人本人办理的提供，加盖单位公章"),
    "MC": ("结婚证", "original", 1, True, False, ""),
    "BIRTH": ("出生医学证明", "original", 1, True, False, ""),
    "DEATH": ("居民死亡医学证明（推断）书", "either", 1, True, False, ""),
    "PROP": ("不动产权证书", "original", 1, True, False,
             "尚未换发的提供房屋所有权证和国有土地使用证"),
    "LEASE": ("房屋租赁合同", "copy", 1, True, True, ""),
    "SITE": ("经营场所使用证明", "copy", 1, True, True,
             "自有房产提供产权证明，租赁的提供租赁合同及出租方产权证明"),
    "DECL": ("住所（经营场所）申报承诺书", "original", 1, True, False, "住所申报承诺制，现场签署"),
    "SSC": ("社会保障卡", "original", 1, True, False, ""),
    "BANK": ("本人银行借记卡", "either", 1, True, False, "用于接收款项"),
    "DISAB": ("残疾人证", "original", 1, True, False, ""),
    "VET": ("退出现役证", "original", 1, True, False, ""),
    "LABOR": ("劳动合同", "copy", 1, True, False, ""),
    "REL": ("亲属关系证明材料", "copy", 1, True, True,
            "户口簿、结婚证、出生医学证明或档案记载等能证明亲属关系的材料"),
    "HEALTH": ("从业人员健康证明", "copy", 1, True, True, "直接接触入口食品或顾客的从业人员"),
    "PHOTO": ("近期免冠彩色照片", "original", 1, True, False, ""),
    "VOWN": ("机动车所有人身份证明", "original", 1, True, False,
             "个人提供居民身份证，单位提供营业执照"),
    "VCERT": ("机动车登记证书", "original", 1, True, False, ""),
    "VLIC": ("机动车行驶证", "original", 1, True, False, ""),
    "INS": ("机动车交通事故责任强制保险凭证", "electronic", 1, True, False, "保险公司联网传输"),
    "DL": ("机动车驾驶证", "original", 1, True, False, ""),
    "SPHT": ("商品房买卖合同", "copy", 1, True, False, "网签备案合同"),
    "CLEAR": ("清税证明", "electronic", 1, True, False, "税务部门信息共享，免于提交纸质证明"),
    "RETIRE": ("职工退休（职）审批表", "electronic", 1, True, False, "退休审批结果信息共享"),
    "GZAPP": ("公证申请表", "original", 1, True, False, "窗口现场填写"),
}

_ID_DOC = "《国家发展改革委 财政部关于居民身份证收费标准及有关问题的通知》（发改价格〔2003〕2322号）"
_EXIT = "《国家发展改革委 财政部关于降低部分行政事业性收费标准的通知》（发改价格〔2019〕914号）"
_TRAFFIC = "《国家发展改革委 财政部关于公安交通管理收费标准有关问题的通知》（发改价格〔2004〕2831号）"
_BDC = "《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）"
_NOTARY = "按浙江省价格主管部门核定的公证服务收费标准执行"

# key: (amount, basis)
FEES = {
    "ID20": ("20.00", f"居民身份证工本费每证20元，依据{_ID_DOC}"),
    "ID40": ("40.00", f"丢失补领、损坏换领居民身份证工本费每证40元，依据{_ID_DOC}"),
    "ID10": ("10.00", f"临时居民身份证工本费每证10元，依据{_ID_DOC}"),
    "PP120": ("120.00", f"普通护照工本费每本120元，依据{_EXIT}"),
    "PASS60": ("60.00", f"电子通行证工本费每证60元，依据{_EXIT}"),
    "VISA15": ("15.00", f"签注每次15元，依据{_EXIT}"),
    "VREG110": ("110.00", f"汽车号牌工本费每副100元、机动车行驶证工本费每本10元，依据{_TRAFFIC}"),
    "PLATE100": ("100.00", f"汽车号牌工本费每副100元，依据{_TRAFFIC}"),
    "LIC10": ("10.00", f"证件工本费每本10元，依据{_TRAFFIC}"),
    "TEMP5": ("5.00", f"临时号牌工本费每张5元，依据{_TRAFFIC}"),
    "BDC80": ("80.00", f"住宅类不动产登记费每件80元（含第一本证书工本费），依据{_BDC}"),
    "BDC550": ("550.00", f"非住宅类不动产登记费每件550元（含第一本证书工本费），依据{_BDC}"),
    "BDCCERT10": ("10.00", f"不动产权属证书工本费每本10元，依据{_BDC}"),
    "GZ80": ("80.00", f"证明类公证每件80元，{_NOTARY}"),
    "GZ200": ("200.00", f"委托、声明类公证每件200元，{_NOTARY}"),
}
