"""Who may open each URL of the workbench, the to-do list, the audit log, the working-day calendar
and the API root: the answer each role gets, in the grid the access matrix checks
(core/tests/test_access.py; the grid's form is in renda.core.testing, "Access"). A new URL of
the app needs its row here."""

ACCESS = """
                              anon dep  liai unit town dist othr admn object
[core]
GET    dashboard               302  200  200  200  200  200  200  200  -
GET    todo                    302  200  200  200  200  200  200  200  -
GET    audit_log               302  403  403  403  403  403  403  200  -
GET    workdays                302  403  403  403  403  403  403  200  -
# The calendar is the administrators'.
GET    workday_override_delete 302  403  403  403  403  403  403  405  workday
POST   workday_override_delete 302  403  403  403  403  403  403  ok   workday
[]
GET    api-root                401  200  200  200  200  200  200  200  -
"""
