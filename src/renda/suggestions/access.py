"""Who may open each URL of motions and suggestions: the answer each role gets, in the grid the
access matrix checks (core/tests/test_access.py; the grid's form is in renda.core.testing,
"Access"). A new URL of the app needs its row here.

The public pages answer every role alike; `disclosed_suggestion` is a disclosed item of the
shared world (suggestions/tests/world.py)."""

ACCESS = """
                        anon dep  liai unit town dist othr admn object
[public_suggestions]
GET    list              200  200  200  200  200  200  200  200  -
GET    detail            200  200  200  200  200  200  200  200  disclosed_suggestion
"""
