"""Who may open each URL of the inbox: the answer each role gets, in the grid the access matrix
checks (core/tests/test_access.py; the grid's form is in renda.core.testing, "Access"). A new
URL of the app needs its row here."""

ACCESS = """
               anon dep  liai unit town dist othr admn object
[notifications]
GET    inbox    302  200  200  200  200  200  200  200  -
GET    read_all 302  405  405  405  405  405  405  405  -
POST   read_all 302  ok   ok   ok   ok   ok   ok   ok   -
GET    open     302  405  405  405  405  405  405  405  notification
# A notification is its recipient's (the deputy's); anyone else: not found.
POST   open     302  ok   404  404  404  404  404  404  notification
"""
