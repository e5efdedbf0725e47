"""Who may open each URL of motions and suggestions, pages and API: the answer each role gets, in
the grid the access matrix checks (core/tests/test_access.py; the grid's form is in
renda.core.testing, "Access"). A new URL of the app needs its row here.

These are the rows of the outputs (statistics, the register); the rows of the other pages are
merged in beside them."""

ACCESS = """
                                          anon dep  liai unit town dist othr admn object
[suggestions]
# Staff read the congresses in their reach: 直升镇's staff have none (an empty page; the
# spreadsheet of nothing is a 404), 铜梁区's their own district's.
GET    statistics                          302  403  403  403  200  200  200  200  -
GET    statistics_export                   302  403  403  403  404  200  200  200  -
# The register of the items in the reader's reach, with the list's filters (empty for 直升镇).
GET    register_export                     302  403  403  403  200  200  200  200  -
"""
