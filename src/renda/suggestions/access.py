"""Who may open each URL of motions and suggestions (drafting, co-signing, the workflow's steps,
disclosure, key supervision): the answer each role gets, in the grid the access matrix checks
(core/tests/test_access.py; the grid's form is in renda.core.testing, "Access"). A new URL of
the app needs its row here.

The objects are 黎源's items in suggestions' part of the world (suggestions/tests/world.py):
`suggestion_draft`, `suggestion` (submitted), `accepted`, `assigned` (to 荣昌区交通局, the unit
role's unit), `replied`, `fulfilling`, `fulfilled`, and `invitation`, 王芳's draft he is invited
to co-sign. Staff of 直升镇 do not reach the items of 荣昌区's congress (404); a unit reads what
was assigned to it and nothing else.

The API: a GET on a step's URL is refused by role before the method (405 for a role that reads
suggestions). A POST with an empty body is refused as invalid input (400) where the step takes
input, before the workflow asks whether the caller holds its relation: those cells are `ok` (not
tried), the administrator's on a deputy's or a unit's step too."""

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
GET    suggestion_nominate              302  403  403  403  405  405  405  405  accepted
# Refused (with a message) until the item is closed.
POST   suggestion_nominate              302  403  403  403  404  ok   404  ok   accepted
GET    rules_index                      302  403  403  403  200  go   go   200  -
GET    rules                            302  403  403  403  404  200  404  200  congress
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
# Staff read the congresses in their reach: 直升镇's staff have none (an empty page; the
# spreadsheet of nothing is a 404), 铜梁区's their own district's.
GET    statistics                          302  403  403  403  200  200  200  200  -
GET    statistics_export                   302  403  403  403  404  200  200  200  -
# The register of the items in the reader's reach, with the list's filters (empty for 直升镇).
GET    register_export                     302  403  403  403  200  200  200  200  -
[public_suggestions]
GET    list                             200  200  200  200  200  200  200  200  -
GET    detail                           200  200  200  200  200  200  200  200  disclosed_suggestion
GET    statistics                       200  200  200  200  200  200  200  200  -
[]
GET    suggestion-list                      401  200  403  200  200  200  200  200  -
GET    suggestion-detail                    401  200  403  200  404  200  404  200  assigned
GET    suggestion-invite                    401  405  403  405  405  405  405  405  suggestion_draft
POST   suggestion-invite                    401  ok   403  403  403  403  403  ok   suggestion_draft
GET    suggestion-uninvite                  401  405  403  405  405  405  405  405  suggestion_draft
POST   suggestion-uninvite                  401  ok   403  403  403  403  403  ok   suggestion_draft
GET    suggestion-cosign                    401  405  403  405  405  405  405  405  invitation
POST   suggestion-cosign                    401  ok   403  403  403  403  403  ok   invitation
GET    suggestion-disclose                  401  405  403  405  405  405  405  405  accepted
POST   suggestion-disclose                  401  403  403  403  404  ok   404  ok   accepted
GET    suggestion-supervise                 401  405  403  405  405  405  405  405  accepted
POST   suggestion-supervise                 401  403  403  403  404  ok   404  ok   accepted
GET    suggestion-submit                    401  405  403  405  405  405  405  405  suggestion_draft
# The administrator holds every role but no deputy's seat and no unit: refused (403).
POST   suggestion-submit                    401  ok   403  403  403  403  403  403  suggestion_draft
GET    suggestion-withdraw                  401  405  403  405  405  405  405  405  suggestion
POST   suggestion-withdraw                  401  ok   403  403  403  403  403  403  suggestion
GET    suggestion-accept                    401  405  403  405  405  405  405  405  suggestion
POST   suggestion-accept                    401  403  403  403  404  ok   404  ok   suggestion
GET    suggestion-convert                   401  405  403  405  405  405  405  405  suggestion
POST   suggestion-convert                   401  403  403  403  404  ok   404  ok   suggestion
GET    suggestion-reject                    401  405  403  405  405  405  405  405  suggestion
POST   suggestion-reject                    401  403  403  403  404  ok   404  ok   suggestion
GET    suggestion-merge                     401  405  403  405  405  405  405  405  accepted
POST   suggestion-merge                     401  403  403  403  404  ok   404  ok   accepted
GET    suggestion-assign                    401  405  403  405  405  405  405  405  accepted
POST   suggestion-assign                    401  403  403  403  404  ok   404  ok   accepted
GET    suggestion-reply_received            401  405  403  405  405  405  405  405  assigned
# Refused (409) until the unit's letter is in; the unit may, once it is.
POST   suggestion-reply_received            401  403  403  ok   403  403  403  403  assigned
GET    suggestion-fulfilment_received       401  405  403  405  405  405  405  405  fulfilling
POST   suggestion-fulfilment_received       401  403  403  ok   403  403  403  403  fulfilling
GET    suggestion-rate_reply                401  405  403  405  405  405  405  405  replied
POST   suggestion-rate_reply                401  ok   403  403  403  403  403  ok   replied
GET    suggestion-rate_fulfilment           401  405  403  405  405  405  405  405  fulfilled
POST   suggestion-rate_fulfilment           401  ok   403  403  403  403  403  ok   fulfilled
GET    suggestion-lapse_reply               401  405  403  405  405  405  405  405  replied
# Refused (409) while the deputy may still rate.
POST   suggestion-lapse_reply               401  403  403  403  404  ok   404  ok   replied
GET    suggestion-lapse_fulfilment          401  405  403  405  405  405  405  405  fulfilled
POST   suggestion-lapse_fulfilment          401  403  403  403  404  ok   404  ok   fulfilled
GET    key-supervision-list                 401  403  403  403  200  200  200  200  -
GET    key-supervision-detail               401  403  403  403  404  200  404  200  supervision
GET    key-supervision-events               401  403  403  403  405  405  405  405  supervision
POST   key-supervision-events               401  403  403  403  404  ok   404  ok   supervision
GET    public-suggestion-list               200  200  200  200  200  200  200  200  -
# Disclosed: for everyone, signed in or not.
GET    public-suggestion-detail        200  200  200  200  200  200  200  200  disclosed_suggestion
"""
