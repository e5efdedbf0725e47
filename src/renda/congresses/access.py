"""Who may open each URL of congresses, terms and sessions, pages and API: the answer each role
gets, in the grid the access matrix checks (core/tests/test_access.py; the grid's form is in
renda.core.testing, "Access"). A new URL of the app needs its row here."""

ACCESS = """
                      anon dep  liai unit town dist othr admn object
[congresses]
GET    congress_list   302  403  403  403  200  200  200  200  -
GET    congress_create 302  403  403  403  200  200  200  200  -
GET    congress_detail 302  403  403  403  404  200  404  200  congress
GET    congress_edit   302  403  403  403  404  200  404  200  congress
GET    term_create     302  403  403  403  404  200  404  200  congress
GET    term_edit       302  403  403  403  404  200  404  200  term
GET    session_create  302  403  403  403  404  200  404  200  term
GET    session_edit    302  403  403  403  404  200  404  200  session
[]
GET    congress-list   401  403  403  403  200  200  200  200  -
GET    congress-detail 401  403  403  403  404  200  404  200  congress
GET    term-list       401  403  403  403  200  200  200  200  -
GET    term-detail     401  403  403  403  404  200  404  200  term
GET    session-list    401  403  403  403  200  200  200  200  -
GET    session-detail  401  403  403  403  404  200  404  200  session
"""
