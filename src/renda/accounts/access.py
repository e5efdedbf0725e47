"""Who may open each URL of signing in and out, one's own password, the office's login pages and
the API token: the answer each role gets, in the grid the access matrix checks
(core/tests/test_access.py; the grid's form is in renda.core.testing, "Access"). A new URL of
the app needs its row here."""

ACCESS = """
                        anon dep  liai unit town dist othr admn object
[accounts]
# Someone signed in is sent on to the workbench.
GET    login             200  go   go   go   go   go   go   go   -
GET    logout            405  405  405  405  405  405  405  405  -
POST   logout            ok   ok   ok   ok   ok   ok   ok   ok   -
GET    password_change   302  200  200  200  200  200  200  200  -
# The office's pages: staff of any area see their own logins (another district's too: its list
# is theirs); the login of 王芳, a deputy of 荣昌区's congress, is the district's and the
# administrators', not the town's (her seat is the district's to keep).
GET    user_list         302  403  403  403  200  200  200  200  -
GET    user_create       302  403  403  403  200  200  200  200  -
GET    deputy_logins     302  403  403  403  200  200  200  200  -
GET    user_detail       302  403  403  403  404  200  404  200  login
GET    user_grant_add    302  403  403  403  404  200  404  200  login
GET    user_deactivate   302  403  403  403  405  405  405  405  login
POST   user_deactivate   302  403  403  403  404  ok   404  ok   login
GET    user_reactivate   302  403  403  403  405  405  405  405  login
POST   user_reactivate   302  403  403  403  404  ok   404  ok   login
GET    user_password_reset 302 403 403  403  405  405  405  405  login
POST   user_password_reset 302 403 403  403  404  ok   404  ok   login
GET    user_grant_remove 302  403  403  403  405  405  405  405  login+login_grant
POST   user_grant_remove 302  403  403  403  404  ok   404  ok   login+login_grant
GET    user_unit_head    302  403  403  403  405  405  405  405  login+login_grant
POST   user_unit_head    302  403  403  403  404  ok   404  ok   login+login_grant
[]
# Anyone may ask for a token (an empty request is told what is missing).
GET    api-token         405  405  405  405  405  405  405  405  -
POST   api-token         ok   ok   ok   ok   ok   ok   ok   ok   -
"""
