"""Who may open each URL of exit rules and warnings, pages and API: the answer each role gets, in
the grid the access matrix checks (core/tests/test_access.py; the grid's form is in
renda.core.testing, "Access"). A new URL of the app needs its row here."""

ACCESS = """
                           anon dep  liai unit town dist othr admn object
[recognition]
GET    exit_rule_list       302  403  403  403  200  200  200  200  -
GET    exit_rule_set        302  403  403  403  200  200  200  200  -
GET    warning_list         302  403  403  403  200  200  200  200  -
GET    warning_detail       302  403  403  403  404  200  404  200  warning
GET    warning_talk         302  403  403  403  404  200  404  200  warning
GET    warning_resolve      302  403  403  403  404  200  404  200  warning
GET    warning_dismiss      302  403  403  403  404  200  404  200  warning
GET    warning_reopen       302  403  403  403  404  200  404  200  warning
GET    warning_update       302  403  403  403  404  200  404  200  warning
[]
GET    exit-rule-list       401  403  403  403  200  200  200  200  -
GET    exit-rule-detail     401  403  403  403  404  200  404  200  exit_rule
GET    exit-warning-list    401  403  403  403  200  200  200  200  -
GET    exit-warning-detail  401  403  403  403  404  200  404  200  warning
GET    exit-warning-dismiss 401  403  403  403  405  405  405  405  warning
POST   exit-warning-dismiss 401  403  403  403  404  ok   404  ok   warning
GET    exit-warning-reopen  401  403  403  403  405  405  405  405  warning
POST   exit-warning-reopen  401  403  403  403  404  ok   404  ok   warning
GET    exit-warning-resolve 401  403  403  403  405  405  405  405  warning
POST   exit-warning-resolve 401  403  403  403  404  ok   404  ok   warning
GET    exit-warning-talk    401  403  403  403  405  405  405  405  warning
POST   exit-warning-talk    401  403  403  403  404  ok   404  ok   warning
GET    exit-warning-status  401  403  403  403  405  405  405  405  warning
POST   exit-warning-status  401  403  403  403  404  ok   404  ok   warning
"""
