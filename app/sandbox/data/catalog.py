"""The sandbox seller's world: its product catalogue, its customers and the partners around it.

Built once from ``(seed, orders, start)`` and never stored: the generator and the clock advance both
rebuild it identically, so a record can always be re-derived from its key. Names are realistic but
invented; amounts are Decimals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from itertools import accumulate

from app.sandbox.data.flows import SUPERVISED_TYPES
from app.sandbox.data.rand import Stream, mix

SALT_CATALOG = 11
SALT_CUSTOMERS = 12
SALT_PARTNERS = 13

#: The seller account the sandbox serves (the demo seller), and its own partner identity for the
#: partner (客户服务商) collections.
SELLER_NAME = "杭州云栖数智科技有限公司"
SELLER_DOMAIN = "yunqi-shuzhi.example.com"
SELF_PARTNER_ID = "PTN0000000001"
SELF_PARTNER_NAME = "杭州云栖数智科技有限公司(客户服务商)"


@dataclass(frozen=True)
class Sku:
    code: str
    name: str
    unit_price: Decimal  # per month for PERIOD, per purchase for ONE_TIME / packages
    linear_value: int | None = None


@dataclass(frozen=True)
class Product:
    product_id: str
    name: str
    delivery_type: str
    product_class: str  # 通用 | 联营 | 自服务 | 严选
    supervised: bool
    charging_modes: tuple[str, ...]
    skus: tuple[Sku, ...]
    license_subtype: str | None = None
    service_template: str | None = None
    fee_rate: Decimal = Decimal("0.05")  # platform fee (通用) or Huawei's share (others)
    tax_item: str = "信息技术服务"
    tax_rate: Decimal = Decimal("0.06")
    partner_share: Decimal = Decimal("0.10")  # 客户服务商分成比例 for partner-bound orders


@dataclass(frozen=True)
class Customer:
    customer_id: str
    account: str  # Huawei Cloud account name (customerName in Query Order)
    real_name: str  # company or person name (customerRealName)
    customer_type: int  # 1 enterprise, 0 individual
    mobile: str
    email: str
    user_id: str
    track: str  # 赋能云 | 基地云 | 其他 (the buyer's sales track, §1.8)
    intl: bool  # buys on the international site, pays USD
    postpaid: bool  # credit-line customer (后付费)
    partner_id: str | None
    industry: str
    region: str


@dataclass(frozen=True)
class Partner:
    partner_id: str
    name: str


# (name, delivery type, class, supervised, charging modes, base price, license subtype, template,
#  tax item, tax rate)
_PRODUCTS: tuple[tuple[str, str, str, bool, tuple[str, ...], int, str | None, str | None, str,
                       str], ...] = (
    ("云栖智慧园区管理平台", "SaaS", "联营", True, ("PERIOD",), 1800, None, None, "软件服务", "0.06"),
    ("云栖协同办公OA", "SaaS", "通用", False, ("PERIOD", "ON_DEMAND"), 300, None, None,
     "软件服务", "0.06"),
    ("云栖CRM客户关系管理系统", "SaaS", "联营", True, ("PERIOD", "ONE_TIME"), 1200, None, None,
     "软件服务", "0.06"),
    ("云栖电子签章服务", "SaaS", "通用", False, ("ON_DEMAND_PKG", "PERIOD"), 500, None, None,
     "软件服务", "0.06"),
    ("云栖在线考试系统", "SaaS", "自服务", True, ("PERIOD",), 900, None, None, "软件服务", "0.06"),
    ("云栖企业网盘", "SaaS", "通用", False, ("PERIOD", "ON_DEMAND"), 200, None, None,
     "软件服务", "0.06"),
    ("云栖数据备份软件", "License", "联营", True, ("PERIOD", "ONE_TIME"), 2600, "授权码", None,
     "软件", "0.13"),
    ("云栖文档加密软件", "License", "联营", True, ("PERIOD", "ONE_TIME"), 1800, "授权码", None,
     "软件", "0.13"),
    ("云栖BI数据分析平台", "License", "联营", True, ("PERIOD",), 3200, "识别码", None, "软件", "0.13"),
    ("云栖主机安全加固软件", "License", "通用", True, ("ONE_TIME", "PERIOD"), 1500, "线下License",
     None, "软件", "0.13"),
    ("云栖低代码开发平台私有化部署", "License", "自服务", True, ("PERIOD",), 5200, "软件包部署",
     None, "软件", "0.13"),
    ("云栖日志审计系统", "License", "联营", True, ("ONE_TIME",), 4800, "线下License", None,
     "软件", "0.13"),
    ("等保2.0合规咨询服务", "人工服务", "通用", True, ("ONE_TIME",), 6800, None, "标准(默认)",
     "信息技术服务", "0.06"),
    ("企业官网建设服务", "人工服务", "通用", True, ("ONE_TIME",), 3800, None, "建站类",
     "信息技术服务", "0.06"),
    ("云上迁移实施服务", "人工服务", "联营", True, ("ONE_TIME", "PERIOD"), 9800, None,
     "联营基础服务流模板", "信息技术服务", "0.06"),
    ("数据库运维代维服务", "人工服务", "通用", True, ("PERIOD",), 2400, None, "标准(默认)",
     "信息技术服务", "0.06"),
    ("边缘计算网关EG-200", "硬件", "严选", True, ("ONE_TIME",), 4200, None, None, "硬件设备",
     "0.13"),
    ("工业物联网采集终端", "硬件", "严选", True, ("ONE_TIME",), 1600, None, None, "硬件设备",
     "0.13"),
    ("CentOS 7.9 LNMP运行环境", "镜像", "通用", False, ("PERIOD", "ON_DEMAND"), 60, None, None,
     "软件服务", "0.06"),
    ("Windows Server 2019 ASP.NET环境", "镜像", "通用", False, ("PERIOD",), 90, None, None,
     "软件服务", "0.06"),
    ("宝塔Linux面板镜像", "镜像", "自服务", False, ("PERIOD", "ON_DEMAND"), 45, None, None,
     "软件服务", "0.06"),
    ("身份证OCR识别API", "API", "通用", False, ("ON_DEMAND_PKG", "ON_DEMAND"), 100, None, None,
     "信息技术服务", "0.06"),
    ("企业工商信息查询API", "API", "通用", False, ("ON_DEMAND_PKG", "PERIOD"), 150, None, None,
     "信息技术服务", "0.06"),
    ("短信验证码API", "API", "联营", False, ("ON_DEMAND_PKG",), 80, None, None, "信息技术服务",
     "0.06"),
    ("高可用Kubernetes集群一键部署", "应用编排", "通用", True, ("ONE_TIME", "PERIOD"), 2000, None,
     None, "信息技术服务", "0.06"),
    ("大数据平台编排模板", "应用编排", "联营", True, ("ONE_TIME",), 3600, None, None,
     "信息技术服务", "0.06"),
    ("全国POI地理数据集", "数据文件", "通用", True, ("ONE_TIME", "PERIOD"), 1200, None, None,
     "信息技术服务", "0.06"),
    ("电商行业消费趋势数据包", "数据文件", "联营", True, ("ONE_TIME",), 2800, None, None,
     "信息技术服务", "0.06"),
    ("Redis高可用容器镜像", "容器", "通用", False, ("PERIOD", "ON_DEMAND"), 120, None, None,
     "软件服务", "0.06"),
    ("智能客服对话模型", "AI资产", "通用", False, ("ON_DEMAND_PKG", "PERIOD"), 400, None, None,
     "软件服务", "0.06"),
    ("SaaS营销自动化平台(即开即用)", "SaaS", "通用", False, ("PERIOD", "ONE_TIME"), 700, None,
     None, "软件服务", "0.06"),
)

_SKU_TIERS: tuple[tuple[str, int, int | None], ...] = (
    ("基础版", 1, 5), ("标准版", 2, 20), ("专业版", 4, 50), ("企业版", 8, 200),
)

_REGIONS = ("北京", "上海", "深圳", "杭州", "广州", "成都", "武汉", "南京", "西安", "苏州", "贵阳",
            "长沙", "重庆", "天津", "合肥", "厦门", "青岛", "郑州", "济南", "福州", "昆明", "南宁")
_PROVINCE = {"北京": "北京市", "上海": "上海市", "深圳": "广东省", "杭州": "浙江省", "广州": "广东省",
             "成都": "四川省", "武汉": "湖北省", "南京": "江苏省", "西安": "陕西省", "苏州": "江苏省",
             "贵阳": "贵州省", "长沙": "湖南省", "重庆": "重庆市", "天津": "天津市", "合肥": "安徽省",
             "厦门": "福建省", "青岛": "山东省", "郑州": "河南省", "济南": "山东省", "福州": "福建省",
             "昆明": "云南省", "南宁": "广西壮族自治区"}
_STEMS = ("华信", "云帆", "数智", "博远", "恒通", "中科", "天润", "新锐", "盛世", "智联", "易达",
          "锦程", "润泽", "启明", "鼎盛", "汇通", "远景", "聚力", "星河", "卓越", "同创", "安泰",
          "宏图", "明德", "嘉禾", "海纳", "凯旋", "瑞丰", "优品", "金桥")
_TRADES = ("科技", "信息技术", "网络科技", "软件", "数据科技", "智能科技", "医疗科技", "教育科技",
           "物流", "智能制造", "电子商务", "文化传媒", "环保科技", "新能源", "金融信息服务")
_SUFFIX = ("有限公司", "有限公司", "有限公司", "股份有限公司", "集团有限公司")
_INDUSTRIES = ("互联网", "制造业", "政务", "教育", "医疗", "金融", "零售", "物流", "能源", "交通")
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
_GIVEN = ("伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
          "明", "超", "秀英", "霞", "平", "刚", "桂英", "建华", "晓东", "子涵", "浩然", "雨桐", "思远")
_PINYIN = ("hx", "yf", "sz", "by", "ht", "zk", "tr", "xr", "ss", "zl", "yd", "jc", "rz", "qm", "ds")
_PARTNERS = ("北京神州数码云科信息技术有限公司", "上海华讯网络系统有限公司", "深圳市云海麒麟计算机系统有限公司",
             "广州市玄武无线科技股份有限公司", "成都中科大旗软件股份有限公司", "南京云创大数据科技股份有限公司")


def _price(value: int) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"))


def _build_products(seed: int) -> list[Product]:
    s = Stream(mix(seed, SALT_CATALOG))
    products: list[Product] = []
    for (name, dtype, pclass, supervised, modes, base, subtype, template, item,
         rate) in _PRODUCTS:
        pid = "OFFI" + s.digits(18)
        skus = []
        for tier, mult, seats in _SKU_TIERS[: s.randint(2, 4)]:
            skus.append(Sku(s.uuid(), tier, _price(base * mult),
                            seats if dtype in ("SaaS", "API", "License") else None))
        if pclass == "通用":
            fee = Decimal("0.05")
        else:  # Huawei's share of 联营 / 自服务 / 严选 sales
            fee = s.choice((Decimal("0.15"), Decimal("0.20"), Decimal("0.30")))
        products.append(Product(
            product_id=pid, name=name, delivery_type=dtype, product_class=pclass,
            supervised=supervised and dtype in SUPERVISED_TYPES, charging_modes=modes,
            skus=tuple(skus), license_subtype=subtype, service_template=template, fee_rate=fee,
            tax_item=item, tax_rate=Decimal(rate),
            partner_share=s.choice((Decimal("0.05"), Decimal("0.08"), Decimal("0.10"),
                                    Decimal("0.12"))),
        ))
    return products


def company_name(s: Stream) -> tuple[str, str]:
    """An invented Chinese company name and its region."""
    region = s.choice(_REGIONS)
    return f"{region}{s.choice(_STEMS)}{s.choice(_TRADES)}{s.choice(_SUFFIX)}", region


def person_name(s: Stream) -> str:
    return s.choice(_SURNAMES) + s.choice(_GIVEN)


def mobile(s: Stream) -> str:
    """A masked mainland mobile number, as the console shows buyers' numbers."""
    return f"1{s.choice('3578')}{s.randint(0, 9)}****{s.digits(4)}"


def _build_customers(seed: int, count: int, partners: list[Partner]) -> list[Customer]:
    customers: list[Customer] = []
    s = Stream(mix(seed, SALT_CUSTOMERS))
    for i in range(count):
        enterprise = s.chance(0.85)
        if enterprise:
            real, region = company_name(s)
        else:
            real, region = person_name(s), s.choice(_REGIONS)
        account = f"{s.choice(_PINYIN)}{s.alnum(6).lower()}{i % 100:02d}"
        roll = s.random()
        track = "赋能云" if roll < 0.14 else "基地云" if roll < 0.26 else "其他"
        partner = s.choice(partners).partner_id if s.chance(0.15) else None
        customers.append(Customer(
            customer_id=s.hex(32), account=account, real_name=real,
            customer_type=1 if enterprise else 0, mobile=mobile(s),
            email=f"{account}@{'corp' if enterprise else 'mail'}.example.cn",
            user_id=s.hex(32), track=track, intl=s.chance(0.04), postpaid=s.chance(0.06),
            partner_id=partner, industry=s.choice(_INDUSTRIES), region=region,
        ))
    return customers


@dataclass
class World:
    """Everything the generator derives from ``(seed, orders, start)`` before it makes records."""

    seed: int
    orders: int
    start: datetime
    products: list[Product] = field(default_factory=list)
    customers: list[Customer] = field(default_factory=list)
    partners: list[Partner] = field(default_factory=list)
    product_cum: list[float] = field(default_factory=list)

    @classmethod
    def build(cls, seed: int, orders: int, start: datetime) -> World:
        partners = [Partner(SELF_PARTNER_ID, SELF_PARTNER_NAME)] + [
            Partner(f"PTN{1000000001 + i:010d}", name) for i, name in enumerate(_PARTNERS)
        ]
        world = cls(seed, orders, start)
        world.partners = partners
        world.products = _build_products(seed)
        world.customers = _build_customers(seed, max(40, orders // 4), partners)
        # Supervised and high-value products sell less often than images and APIs.
        weights = [
            {"SaaS": 5, "镜像": 5, "API": 4, "License": 3, "人工服务": 3, "硬件": 2, "应用编排": 2,
             "数据文件": 2, "容器": 2, "AI资产": 2}[p.delivery_type]
            for p in world.products
        ]
        world.product_cum = list(accumulate(float(w) for w in weights))
        return world

    def product(self, product_id: str) -> Product:
        for p in self.products:
            if p.product_id == product_id:
                return p
        raise KeyError(product_id)

    def partner_name(self, partner_id: str) -> str:
        for p in self.partners:
            if p.partner_id == partner_id:
                return p.name
        raise KeyError(partner_id)

    def province(self, region: str) -> str:
        return _PROVINCE.get(region, region)
