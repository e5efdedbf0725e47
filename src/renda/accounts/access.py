"""Who may open each URL of signing in and out, and the API token: the answer each role gets, in
the grid the access matrix checks (core/tests/test_access.py; the grid's form is in
renda.core.testing, "Access"). A new URL of the app needs its row here."""

ACCESS = """
                anon dep  liai unit town dist othr admn object
[accounts]
# Someone signed in is sent on to the workbench.
GET    login     200  go   go   go   go   go   go   go   -
GET    logout    405  405  405  405  405  405  405  405  -
POST   logout    ok   ok   ok   ok   ok   ok   ok   ok   -
[]
# Anyone may ask for a token (an empty request is told what is missing).
GET    api-token 405  405  405  405  405  405  405  405  -
POST   api-token ok   ok   ok   ok   ok   ok   ok   ok   -
"""
