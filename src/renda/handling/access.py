"""Who may open each URL of handling: the answer each role gets, in the grid the access matrix
checks (core/tests/test_access.py; the grid's form is in renda.core.testing, "Access"). A new
URL of the app needs its row here.

The objects are made in suggestions' part of the shared world (an assignment hangs on a
suggestion): `unit_assignment`, 荣昌区交通局's (the unit role's) assignment waiting to be
accepted.

The API (`handling-assignments`): deputies and liaisons have none of it (403); a GET on a step's
URL is refused by its method (405) for a unit's user and staff. A POST with an empty body is
refused as invalid input (400) where the step takes input, before the workflow asks whether
the caller holds its relation: those cells are `ok` (not tried), the administrator's too."""

ACCESS = """
                                            anon dep  liai unit town dist othr admn object
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
