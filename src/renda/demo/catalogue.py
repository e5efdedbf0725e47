"""The demo district's fixed data, read by `plan` and `deputies`: its region codes, terms and
dates; who its deputies are, by sector; the posts, firms, farms and shops they are drawn from;
the stations' reception rules, the work stations, specialist groups and handling units."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, time

from renda.people.choices import Education, Party

# --- The district -----------------------------------------------------------------------------

CHONGQING = "500000000000"
RONGCHANG = "500153000000"
CHANGYUAN = "500153001000"  # 昌元街道, the old town centre
WUJIA = "500153103000"  # 吴家镇, known for its quarterly deputy meetings
ZHISHENG = "500153104000"  # 直升镇, where the newspaper's deputy plants citrus
HUANGNI = "500153104202"  # 直升镇黄坭村 (黄泥村 in the article)
LIANGPING = "500153110002"  # 观胜镇凉坪社区, a public-opinion contact point
CENTRE = (29.4049, 105.5944)  # the district seat, 昌元街道

DEMO_TODAY = date(2026, 11, 22)
PREVIOUS, CURRENT = 0, 1
MUNICIPAL_TERMS = {
    PREVIOUS: (5, date(2018, 1, 1), date(2022, 12, 31)),
    CURRENT: (6, date(2023, 1, 1), date(2027, 12, 31)),
}
LOCAL_TERMS = {  # the district and the towns elect together
    PREVIOUS: (date(2017, 1, 1), date(2021, 12, 31)),
    CURRENT: (date(2022, 1, 1), date(2026, 12, 31)),
}
DISTRICT_ORDINALS = {PREVIOUS: 18, CURRENT: 19}

# Current seats at scale 1, as the issue and Rongchang's published figures have them.
MUNICIPAL_SEATS, DISTRICT_SEATS, TOWN_SEATS = 15, 280, 950
# Share of a previous roster's open seats whose holder sits again now (连任).
REELECTED = 0.45
PREVIOUS_RESIGNATIONS = 8  # "persuaded to resign (8 so far)"
# Town cadres of the previous term transferred out of their town in each year, their town seats
# filled again by a by-election; they kept their district seats. With the resignations' seats
# filled again too, the previous rosters hold the 1,165 and 1,185 deputies Rongchang published.
PREVIOUS_TRANSFERS = {2017: 6, 2018: 10}

# --- Who the deputies are ---------------------------------------------------------------------
# A sector says which specialist group and work station suit a deputy and shapes the person.
GOV, VILLAGE, ENTERPRISE, WORKER, AGRI = "gov", "village", "enterprise", "worker", "agri"
EDU, HEALTH, LAW, TRADE, FARMER = "edu", "health", "law", "trade", "farmer"


@dataclass(frozen=True)
class _Traits:
    """How a sector's deputies tend to be: share of women, ages, education, party."""

    female: float
    ages: tuple[int, int]
    education: Mapping[str, int]
    party: Mapping[str, int]


# The tables below are laid out by hand, one row a line, so they read as tables.
# fmt: off
_MOST = {Party.CPC: 55, Party.MASSES: 27, Party.NONE: 5, Party.CPC_PROBATIONARY: 2, Party.CNDCA: 3,
         Party.CDL: 2, Party.CAPD: 2, Party.JS: 2, Party.CPWDP: 1, Party.RCCK: 1}
_RURAL = {Party.CPC: 42, Party.MASSES: 55, Party.CPC_PROBATIONARY: 3}
_E = Education
TRAITS = {  # share of women, ages, education, party
    GOV: _Traits(0.15, (38, 56), {_E.BACHELOR: 60, _E.MASTER: 35, _E.COLLEGE: 5}, {Party.CPC: 1}),
    VILLAGE: _Traits(0.25, (32, 60), {_E.SENIOR: 40, _E.COLLEGE: 40, _E.JUNIOR: 15, _E.BACHELOR: 5},
                     _RURAL),
    ENTERPRISE: _Traits(0.25, (30, 60), {_E.BACHELOR: 40, _E.COLLEGE: 30, _E.MASTER: 15,
                                         _E.SENIOR: 15}, _MOST),
    WORKER: _Traits(0.4, (24, 55), {_E.SENIOR: 45, _E.COLLEGE: 35, _E.JUNIOR: 15, _E.BACHELOR: 5},
                    _MOST),
    AGRI: _Traits(0.25, (28, 60), {_E.SENIOR: 40, _E.JUNIOR: 25, _E.COLLEGE: 30, _E.BACHELOR: 5},
                  _RURAL),
    EDU: _Traits(0.6, (26, 58), {_E.BACHELOR: 70, _E.MASTER: 20, _E.COLLEGE: 10}, _MOST),
    HEALTH: _Traits(0.55, (28, 58), {_E.BACHELOR: 60, _E.MASTER: 20, _E.COLLEGE: 20}, _MOST),
    LAW: _Traits(0.35, (30, 58), {_E.BACHELOR: 70, _E.MASTER: 30}, _MOST),
    TRADE: _Traits(0.45, (28, 60), {_E.SENIOR: 50, _E.JUNIOR: 30, _E.COLLEGE: 20}, _MOST),
    FARMER: _Traits(0.35, (30, 62), {_E.JUNIOR: 50, _E.PRIMARY: 25, _E.SENIOR: 25}, _RURAL),
}
ETHNICITIES = {"汉族": 965, "土家族": 20, "苗族": 10, "回族": 5}

# How open seats are shared out, by sector.
DISTRICT_SECTORS = {VILLAGE: 34, ENTERPRISE: 20, WORKER: 7, AGRI: 10, EDU: 8, HEALTH: 7, LAW: 3,
                    TRADE: 4, FARMER: 7}
TOWN_FREE_SECTORS = {ENTERPRISE: 15, WORKER: 20, EDU: 15, HEALTH: 10, TRADE: 20, AGRI: 20}
MUNICIPAL_SECTORS = (ENTERPRISE, EDU, HEALTH, AGRI, WORKER, LAW, ENTERPRISE, FARMER, VILLAGE)

DISTRICT_LEADERS = (  # post, work unit, sector
    ("区委书记", "中共重庆市荣昌区委员会", GOV),
    ("区长", "重庆市荣昌区人民政府", GOV),
    ("区人大常委会主任", "重庆市荣昌区人民代表大会常务委员会", GOV),
    ("区委副书记", "中共重庆市荣昌区委员会", GOV),
    ("常务副区长", "重庆市荣昌区人民政府", GOV),
    ("区人大常委会副主任", "重庆市荣昌区人民代表大会常务委员会", GOV),
    ("区人民法院院长", "重庆市荣昌区人民法院", LAW),
    ("区人民检察院检察长", "重庆市荣昌区人民检察院", LAW),
    ("区教委主任", "重庆市荣昌区教育委员会", EDU),
    ("区卫生健康委主任", "重庆市荣昌区卫生健康委员会", HEALTH),
    ("区农业农村委主任", "重庆市荣昌区农业农村委员会", AGRI),
    ("区畜牧发展中心主任", "重庆市荣昌区畜牧发展中心", AGRI),
)
VILLAGE_OFFICERS = ("村党支部书记、村委会主任", "村委会副主任", "村务监督委员会主任",
                    "村党支部副书记")
COMMUNITY_OFFICERS = ("社区党委书记、居委会主任", "居委会副主任", "社区党委副书记",
                      "社区居务监督委员会主任")
INDUSTRIES = ("陶瓷", "食品", "饲料", "农业开发", "电子科技", "机械制造", "建筑工程", "商贸",
              "物流", "纺织", "生物科技", "新材料")
PRODUCTS = ("柑橘种植", "生猪养殖", "稻虾养殖", "蔬菜种植", "茶叶种植", "花椒种植", "柠檬种植",
            "肉牛养殖", "水产养殖", "中药材种植")
FARM_WORDS = ("绿源", "丰收", "兴旺", "金穗", "田园", "宏发", "春晓", "果香")
SHOPS = ("超市", "农资店", "餐馆", "五金店", "茶馆", "药店")

RESIGNATION_NOTES = (
    "履职不力，经劝辞辞去代表职务",
    "连续两次未经批准不出席代表大会会议，经劝辞辞去代表职务",
    "年度履职评价不合格，经劝辞辞去代表职务",
    "因工作调动，辞去代表职务",
)
DRUNK_DRIVING_NOTE = "醉酒驾驶机动车，经劝辞辞去代表职务"
TERMINATION_NOTE = "户籍迁出本行政区域，代表资格终止"
TRANSFER_NOTE = "调离本行政区域，代表资格终止"

# --- Stations, groups, handling units ---------------------------------------------------------

HOME_RULES = {"FREQ=MONTHLY;BYMONTHDAY=15": 6, "FREQ=MONTHLY;BYMONTHDAY=10": 2,
              "FREQ=MONTHLY;BYMONTHDAY=25": 1, "FREQ=MONTHLY;BYDAY=1MO": 1}
LIAISON_RULES = {"FREQ=MONTHLY;BYMONTHDAY=15": 3, "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=20": 2,
                 "FREQ=MONTHLY;BYMONTHDAY=5": 1, "FREQ=MONTHLY;BYDAY=2TU": 1}
ROOM_RULES = {"FREQ=MONTHLY;BYDAY=-1FR": 1, "FREQ=MONTHLY;BYMONTHDAY=20": 1}
POINT_RULES = {"FREQ=WEEKLY;BYDAY=FR": 1, "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=20": 1}
WORK_RULE = "FREQ=WEEKLY;BYDAY=WE"
MORNING = (time(9), time(12))
AFTERNOON = (time(14, 30), time(17, 30))
MARKET = (time(8), time(11))
STREET_SUFFIXES = ("正街", "大街", "中街", "新街", "大道")
WORK_STATIONS = (  # street, name, address, the sectors whose deputies it gathers
    ("500153003000", "荣昌高新区人大代表工作站", "重庆市荣昌区广顺街道荣昌高新区管委会",
     (ENTERPRISE, WORKER)),
    ("500153005000", "安陶小镇人大代表工作站", "重庆市荣昌区安富街道安陶小镇游客中心",
     (TRADE, ENTERPRISE)),
    (CHANGYUAN, "卫生健康系统人大代表工作站", "重庆市荣昌区人民医院", (HEALTH,)),
    ("500153002000", "教育系统人大代表工作站", "重庆市荣昌区昌州街道荣昌区教育委员会", (EDU,)),
)
WORK_STATION_SIZE = 12
SPECIALIST_GROUPS = (
    ("法制专业组", (LAW,)),
    ("财政经济专业组", (ENTERPRISE, WORKER, TRADE)),
    ("教育科技文化卫生专业组", (EDU, HEALTH)),
    ("农业农村专业组", (AGRI, FARMER, VILLAGE)),
)
SPECIALIST_GROUP_SIZE = 15
HANDLING_UNITS = (  # short name, full name
    ("区发展改革委", "重庆市荣昌区发展和改革委员会"),
    ("区教委", "重庆市荣昌区教育委员会"),
    ("区科技局", "重庆市荣昌区科学技术局"),
    ("区经济信息委", "重庆市荣昌区经济和信息化委员会"),
    ("区公安局", "重庆市公安局荣昌区分局"),
    ("区民政局", "重庆市荣昌区民政局"),
    ("区财政局", "重庆市荣昌区财政局"),
    ("区人力社保局", "重庆市荣昌区人力资源和社会保障局"),
    ("区规划自然资源局", "重庆市荣昌区规划和自然资源局"),
    ("区生态环境局", "重庆市荣昌区生态环境局"),
    ("区住房城乡建委", "重庆市荣昌区住房和城乡建设委员会"),
    ("区城市管理局", "重庆市荣昌区城市管理局"),
    ("区交通局", "重庆市荣昌区交通局"),
    ("区水利局", "重庆市荣昌区水利局"),
    ("区农业农村委", "重庆市荣昌区农业农村委员会"),
    ("区商务委", "重庆市荣昌区商务委员会"),
    ("区文化旅游委", "重庆市荣昌区文化和旅游发展委员会"),
    ("区卫生健康委", "重庆市荣昌区卫生健康委员会"),
    ("区退役军人局", "重庆市荣昌区退役军人事务局"),
    ("区应急局", "重庆市荣昌区应急管理局"),
    ("区市场监管局", "重庆市荣昌区市场监督管理局"),
    ("区医保局", "重庆市荣昌区医疗保障局"),
    ("区畜牧发展中心", "重庆市荣昌区畜牧发展中心"),
)
UNIT_USER_UNIT = "区住房城乡建委"
# A second unit login, for the transport bureau, which handles the most suggestions.
SECOND_UNIT_USER_UNIT = "区交通局"
# fmt: on
