"""Who may open each URL of handling (a unit's inbox, an assignment, its steps, reports and
more time; the office's list, reassigning, deciding on more time): the answer each role gets,
in the grid the access matrix checks (core/tests/test_access.py; the grid's form is in
renda.core.testing, "Access"). A new URL of the app needs its row here.

The objects are made in suggestions' part of the world (an assignment hangs on a suggestion):
`unit_assignment`, 荣昌区交通局's (the unit role's) assignment waiting to be accepted, and
`extension`, its pending request for more time on another one. The unit role reaches its own
assignments only; another unit's are a 404 (handling/tests/test_views.py).

The API (`handling-assignments`): deputies and liaisons have none of it (403); a GET on a step's
URL is refused by its method (405) for a unit's user and staff. A POST with an empty body is
refused as invalid input (400) where the step takes input, before the workflow asks whether
the caller holds its relation: those cells are `ok` (not tried), the administrator's too."""

ACCESS = """
                            anon dep  liai unit town dist othr admn object
[handling]
GET    assignment_list       302  403  403  403  200  200  200  200  -
GET    inbox                 302  403  403  200  403  403  403  200  -
GET    assignment_detail     302  403  403  200  404  200  404  200  unit_assignment
GET    assignment_report     302  403  403  200  403  403  403  200  unit_assignment
GET    extension_request     302  403  403  200  403  403  403  200  unit_assignment
GET    assignment_reassign   302  403  403  403  405  405  405  405  unit_assignment
# An empty body names no unit: the office is told so on the assignment's page.
POST   assignment_reassign   302  403  403  403  404  ok   404  ok   unit_assignment
GET    assignment_urge       302  403  403  403  405  405  405  405  unit_assignment
POST   assignment_urge       302  403  403  403  404  ok   404  ok   unit_assignment
GET    extension_decide      302  403  403  403  405  405  405  405  extension
# An empty body refuses the request (approve is "1" only).
POST   extension_decide      302  403  403  403  404  ok   404  ok   extension
GET    assignment_accept     302  403  403  405  403  403  403  405  unit_assignment
# An administrator holds no unit's relation: the step is refused.
POST   assignment_accept     302  403  403  ok   403  403  403  403  unit_assignment
GET    assignment_send_back  302  403  403  200  403  403  403  200  unit_assignment
GET    assignment_answer     302  403  403  200  403  403  403  200  unit_assignment
GET    assignment_fulfil     302  403  403  200  403  403  403  200  unit_assignment
GET    assignment_withdraw   302  403  403  403  404  200  404  200  unit_assignment
# The office that assigned it (荣昌区's) and the unit it was given to read its papers; the
# staff of 直升镇 do not keep 荣昌区's assignments.
GET    notice                              302  403  403  200  404  200  404  200  unit_assignment
GET    item_notice                         302  403  403  200  404  200  404  200  unit_assignment
GET    reply_template                      302  403  403  200  404  200  404  200  unit_assignment
[]
GET    handling-assignment-list             401  403  403  200  200  200  200  200  -
GET    handling-assignment-detail           401  403  403  200  404  200  404  200  unit_assignment
GET    handling-assignment-accept           401  403  403  405  405  405  405  405  unit_assignment
# An administrator holds no unit's relation: the step is refused.
POST   handling-assignment-accept           401  403  403  ok   403  403  403  403  unit_assignment
GET    handling-assignment-send_back        401  403  403  405  405  405  405  405  unit_assignment
POST   handling-assignment-send_back        401  403  403  ok   403  403  403  ok   unit_assignment
GET    handling-assignment-answer           401  403  403  405  405  405  405  405  unit_assignment
POST   handling-assignment-answer           401  403  403  ok   403  403  403  ok   unit_assignment
GET    handling-assignment-fulfil           401  403  403  405  405  405  405  405  unit_assignment
POST   handling-assignment-fulfil           401  403  403  ok   403  403  403  ok   unit_assignment
GET    handling-assignment-withdraw         401  403  403  405  405  405  405  405  unit_assignment
POST   handling-assignment-withdraw         401  403  403  403  404  ok   404  ok   unit_assignment
GET    handling-assignment-report           401  403  403  405  405  405  405  405  unit_assignment
POST   handling-assignment-report           401  403  403  ok   403  403  403  ok   unit_assignment
GET    handling-assignment-more-time        401  403  403  405  405  405  405  405  unit_assignment
POST   handling-assignment-more-time        401  403  403  ok   403  403  403  ok   unit_assignment
GET    handling-assignment-decide-extension 401  403  403  405  405  405  405  405  unit_assignment
POST   handling-assignment-decide-extension 401  403  403  403  404  ok   404  ok   unit_assignment
GET    handling-assignment-reassign         401  403  403  405  405  405  405  405  unit_assignment
POST   handling-assignment-reassign         401  403  403  403  404  ok   404  ok   unit_assignment
"""
