"""What ships ready to use: an activity catalogue and Chongqing's "341 311" minimums.

Staff apply them to a congress (and a term) in one step and edit from there; the demo does the
same. The names are those the Chongqing registration rules (2019) and the Rongchang scoring
table use.
"""

from renda.activities.choices import Period
from renda.activities.choices import RequirementCategory as C

# (code, name, category, counted in person-times)
ACTIVITY_TYPES = (
    ("standing_committee_speech", "常委会会议审议发言", C.SPEECH, False),
    ("session_speech", "代表大会审议发言", C.SPEECH, False),
    ("inspection", "视察", C.CLOSED_SESSION, False),
    ("survey", "调研", C.CLOSED_SESSION, False),
    ("law_enforcement_inspection", "执法检查", C.CLOSED_SESSION, False),
    ("group_activity", "代表小组活动", C.CLOSED_SESSION, False),
    ("attend_standing_committee", "列席常委会会议", C.CLOSED_SESSION, False),
    ("reception", "接待选民", C.CLOSED_SESSION, True),
    ("visit", "走访选民", C.CLOSED_SESSION, True),
    ("policy_explaining", "政策宣讲", C.CLOSED_SESSION, False),
    ("review_meeting", "专题询问、评议活动", C.CLOSED_SESSION, False),
    ("motion", "提出议案", C.MOTION, False),
    ("suggestion", "提出建议、批评和意见", C.MOTION, False),
    ("training", "履职培训", C.TRAINING, False),
    ("good_deed", "办好事实事", C.GOOD_DEED, False),
    ("report_back", "向原选举单位述职", C.REPORT_BACK, False),
)

# Chongqing's "341 311" (市五届人大常委会第二十二次主任会议, June 2019).
CHONGQING_341_311 = (
    (C.SPEECH, Period.YEAR, 3),
    (C.CLOSED_SESSION, Period.YEAR, 4),
    (C.MOTION, Period.YEAR, 1),
    (C.TRAINING, Period.TERM, 3),
    (C.GOOD_DEED, Period.TERM, 1),
    (C.REPORT_BACK, Period.TERM, 1),
)

REQUIREMENT_PRESETS = {"chongqing_341_311": CHONGQING_341_311}
