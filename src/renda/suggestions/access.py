"""Who may open each URL of motions and suggestions (drafting, co-signing, the workflow's steps,
disclosure, key supervision): the answer each role gets, in the grid the access matrix checks
(core/tests/test_access.py; the grid's form is in renda.core.testing, "Access"). A new URL of
the app needs its row here.

The objects are 黎源's items in suggestions' part of the world (suggestions/tests/world.py):
`suggestion_draft`, `suggestion` (submitted), `accepted`, `assigned` (to 荣昌区交通局, the unit
role's unit), `replied`, `fulfilling`, `fulfilled`, and `invitation`, 王芳's draft he is invited
to co-sign. Staff of 直升镇 do not reach the items of 荣昌区's congress (404); a unit reads what
was assigned to it and nothing else."""

ACCESS = """
                                       anon dep  liai unit town dist othr admn object
[suggestions]
GET    suggestion_list                  302  200  403  200  200  200  200  200  -
GET    mine                             302  200  403  403  403  403  403  200  -
GET    suggestion_create                302  200  403  403  403  403  403  200  -
GET    suggestion_detail                302  200  403  200  404  200  404  200  assigned
GET    suggestion_edit                  302  200  403  403  403  403  403  200  suggestion_draft
GET    suggestion_invite                302  200  403  403  403  403  403  200  suggestion_draft
GET    suggestion_uninvite              302  405  403  403  403  403  403  405  suggestion_draft
# An empty body names no invitation (404); the administrator, no seat, gets as far.
POST   suggestion_uninvite              302  ok   403  403  403  403  403  404  suggestion_draft
GET    suggestion_cosign                302  405  403  403  403  403  403  405  invitation
# The administrator holds no seat, so was not invited.
POST   suggestion_cosign                302  ok   403  403  403  403  403  403  invitation
GET    suggestion_disclose              302  403  403  403  405  405  405  405  accepted
POST   suggestion_disclose              302  403  403  403  404  ok   404  ok   accepted
GET    suggestion_supervise             302  403  403  403  404  200  404  200  accepted
GET    supervision_list                 302  403  403  403  200  200  200  200  -
GET    supervision_create               302  403  403  403  200  200  200  200  -
GET    supervision_detail               302  403  403  403  404  200  404  200  supervision
GET    supervision_event                302  403  403  403  404  200  404  200  supervision
# The workflow's steps. The administrator holds every role but no deputy's seat and no unit:
# their steps are refused to them (403).
GET    suggestion_submit                302  405  403  403  403  403  403  405  suggestion_draft
POST   suggestion_submit                302  ok   403  403  403  403  403  403  suggestion_draft
GET    suggestion_withdraw              302  405  403  403  403  403  403  405  suggestion
POST   suggestion_withdraw              302  ok   403  403  403  403  403  403  suggestion
GET    suggestion_accept                302  403  403  403  405  405  405  405  suggestion
POST   suggestion_accept                302  403  403  403  404  ok   404  ok   suggestion
GET    suggestion_convert               302  403  403  403  404  200  404  200  suggestion
GET    suggestion_reject                302  403  403  403  404  200  404  200  suggestion
GET    suggestion_merge                 302  403  403  403  404  200  404  200  accepted
GET    suggestion_assign                302  403  403  403  404  200  404  200  accepted
GET    suggestion_reply_received        302  403  403  405  403  403  403  405  assigned
# Refused (with a message) until the unit's letter is in; the unit may, once it is.
POST   suggestion_reply_received        302  403  403  ok   403  403  403  403  assigned
GET    suggestion_rate_reply            302  200  403  403  403  403  403  200  replied
GET    suggestion_fulfilment_received   302  403  403  405  403  403  403  405  fulfilling
POST   suggestion_fulfilment_received   302  403  403  ok   403  403  403  403  fulfilling
GET    suggestion_rate_fulfilment       302  200  403  403  403  403  403  200  fulfilled
GET    suggestion_lapse_reply           302  403  403  403  405  405  405  405  replied
# Refused (with a message) while the deputy may still rate.
POST   suggestion_lapse_reply           302  403  403  403  404  ok   404  ok   replied
GET    suggestion_lapse_fulfilment      302  403  403  403  405  405  405  405  fulfilled
POST   suggestion_lapse_fulfilment      302  403  403  403  404  ok   404  ok   fulfilled
"""
