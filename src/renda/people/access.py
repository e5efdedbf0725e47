"""Who may open each URL of people, seats and deputy groups, pages and API: the answer each role
gets, in the grid the access matrix checks (core/tests/test_access.py; the grid's form is in
renda.core.testing, "Access"). A new URL of the app needs its row here."""

ACCESS = """
                          anon dep  liai unit town dist othr admn object
[people]
GET    person_list         302  403  403  403  200  200  200  200  -
GET    person_create       302  403  403  403  200  200  200  200  -
GET    person_detail       302  200  200  403  200  200  404  200  li
GET    person_edit         302  200  403  403  404  200  404  200  li
GET    person_photo        302  200  403  403  404  200  404  200  li
GET    mandate_create      302  403  403  403  404  200  404  200  li
GET    mandate_edit        302  403  403  403  404  200  404  200  li_seat
GET    mandate_end         302  403  403  403  404  200  404  200  li_seat
GET    group_list          302  403  403  403  200  200  200  200  -
GET    group_create        302  403  403  403  200  200  200  200  -
GET    group_detail        302  403  403  403  404  200  404  200  group
GET    group_edit          302  403  403  403  404  200  404  200  group
GET    group_member_add    302  403  403  403  404  200  404  200  group
GET    group_member_remove 302  403  403  403  405  405  405  405  group+membership
POST   group_member_remove 302  403  403  403  404  ok   404  ok   group+membership
[]
GET    deputy-list         200  200  200  200  200  200  200  200  -
GET    deputy-detail       200  200  200  200  200  200  200  200  li
GET    person-list         401  403  403  403  200  200  200  200  -
GET    person-detail       401  403  403  403  200  200  404  200  li
GET    person-photo        401  403  403  403  405  405  405  405  li
POST   person-photo        401  403  403  403  404  ok   404  ok   li
GET    mandate-list        401  403  403  403  200  200  200  200  -
GET    mandate-detail      401  403  403  403  200  200  404  200  li_seat
GET    mandate-end         401  403  403  403  405  405  405  405  li_seat
POST   mandate-end         401  403  403  403  404  ok   404  ok   li_seat
GET    group-list          401  403  403  403  200  200  200  200  -
GET    group-detail        401  403  403  403  404  200  404  200  group
GET    group-members       401  403  403  403  404  200  404  200  group
GET    group-remove-member 401  403  403  403  405  405  405  405  group+membership
DELETE group-remove-member 401  403  403  403  404  ok   404  ok   group+membership
"""
