"""Who may open each URL of the activity register, its catalogue and the minimums, pages and API:
the answer each role gets, in the grid the access matrix checks (core/tests/test_access.py; the
grid's form is in renda.core.testing, "Access"). A new URL of the app needs its row here."""

ACCESS = """
                                anon dep  liai unit town dist othr admn object
[activities]
GET    activity_list             302  403  403  403  200  200  200  200  -
GET    queue                     302  403  403  403  200  200  200  200  -
# Staff are sent on to the register; a deputy reads their own.
GET    mine                      302  200  403  403  go   go   go   go   -
# Registering for oneself needs a deputy's record; staff register for a deputy.
GET    register                  302  200  403  403  404  404  404  404  -
GET    person_activities         302  200  403  403  404  200  404  200  li
GET    register_for              302  200  403  403  404  200  404  200  li
GET    activity_detail           302  200  404  403  404  200  404  200  activity
GET    activity_edit             302  200  403  403  404  200  404  200  activity
GET    activity_verify           302  403  403  403  405  405  405  405  activity
POST   activity_verify           302  403  403  403  404  ok   404  ok   activity
GET    activity_reject           302  403  403  403  404  200  404  200  activity
GET    activity_revoke           302  403  403  403  404  200  404  200  verified
GET    activity_withdraw         302  405  403  403  403  403  403  405  activity
POST   activity_withdraw         302  ok   403  403  403  403  403  403  activity
GET    activity_resubmit         302  405  403  403  403  403  403  405  rejected
POST   activity_resubmit         302  ok   403  403  403  403  403  403  rejected
GET    evidence_add              302  200  403  403  404  200  404  200  activity
# A station liaison registers the station's activities for its deputies; they read a group
# registration only when every deputy in it is at their stations (the world's has 王芳 too).
GET    batch_list                302  403  200  403  200  200  200  200  -
GET    batch_create              302  403  200  403  200  200  200  200  -
GET    batch_detail              302  403  404  403  404  200  404  200  batch
GET    type_list                 302  403  403  403  200  200  200  200  -
GET    type_create               302  403  403  403  200  200  200  200  -
GET    types_apply_preset        302  403  403  403  405  405  405  405  -
# An empty POST names no congress: not found, nothing written.
POST   types_apply_preset        302  403  403  403  404  404  404  404  -
GET    type_edit                 302  403  403  403  404  200  404  200  activity_type
GET    requirement_index         302  403  403  403  200  200  200  200  -
GET    requirement_list          302  403  403  403  404  200  404  200  term
GET    requirement_set           302  403  403  403  404  200  404  200  term
GET    requirements_apply_preset 302  403  403  403  405  405  405  405  term
POST   requirements_apply_preset 302  403  403  403  404  ok   404  ok   term
GET    requirement_delete        302  403  403  403  405  405  405  405  requirement
POST   requirement_delete        302  403  403  403  404  ok   404  ok   requirement
GET    excuse_list               302  403  403  403  200  200  200  200  -
GET    excuse_create             302  403  403  403  200  200  200  200  -
GET    excuse_delete             302  403  403  403  405  405  405  405  excuse
POST   excuse_delete             302  403  403  403  404  ok   404  ok   excuse
GET    seat_progress             302  403  403  403  200  200  404  200  li_seat
GET    seat_excuse_create        302  403  403  403  404  200  404  200  li_seat
GET    shortfalls                302  403  403  403  200  200  200  200  -
# Staff of no congress (a town) or of many (an administrator) choose one first.
GET    shortfalls_export         302  403  403  403  go   200  200  go   -
[]
GET    activity-type-list        401  200  200  403  200  200  200  200  -
# The catalogue is read by everyone signed in (a deputy picks a type): shared, *.
GET    activity-type-detail      401  200  200  403  200  200  200  200  activity_type*
GET    activity-list             401  200  200  403  200  200  200  200  -
GET    activity-detail           401  200  404  403  404  200  404  200  activity
GET    activity-evidence         401  405  405  403  405  405  405  405  activity
POST   activity-evidence         401  ok   403  403  404  ok   404  ok   activity
GET    activity-reject           401  405  405  403  405  405  405  405  activity
POST   activity-reject           401  403  403  403  404  ok   404  ok   activity
GET    activity-resubmit         401  405  405  403  405  405  405  405  rejected
POST   activity-resubmit         401  ok   403  403  403  403  403  403  rejected
GET    activity-revoke           401  405  405  403  405  405  405  405  verified
POST   activity-revoke           401  403  403  403  404  ok   404  ok   verified
GET    activity-verify           401  405  405  403  405  405  405  405  activity
POST   activity-verify           401  403  403  403  404  ok   404  ok   activity
GET    activity-withdraw         401  405  405  403  405  405  405  405  activity
POST   activity-withdraw         401  ok   403  403  403  403  403  403  activity
GET    activity-batch-list       401  403  403  403  200  200  200  200  -
GET    activity-batch-detail     401  403  403  403  404  200  404  200  batch
GET    requirement-list          401  200  403  403  200  200  200  200  -
GET    requirement-apply-preset  401  405  403  403  405  405  405  405  -
POST   requirement-apply-preset  401  403  403  403  ok   ok   ok   ok   -
# The minimums are read by everyone signed in: shared, *.
GET    requirement-detail        401  200  403  403  200  200  200  200  requirement*
GET    excuse-list               401  200  403  403  200  200  200  200  -
GET    excuse-detail             401  200  403  403  404  200  404  200  excuse
GET    activity-progress-list    401  200  200  403  200  200  200  200  -
# Without ?congress= and ?year= staff are told what is missing.
GET    shortfall-list            401  403  403  403  400  400  400  400  -
GET    public-activity-list      200  200  200  200  200  200  200  200  -
GET    public-activity-detail    200  200  200  200  200  200  200  200  verified
"""
