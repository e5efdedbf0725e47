"""Who may open each URL of the division tree and the handling units, pages and API: the answer
each role gets, in the grid the access matrix checks (core/tests/test_access.py; the grid's form
is in renda.core.testing, "Access"). A new URL of the app needs its row here."""

ACCESS = """
                           anon dep  liai unit town dist othr admn object
[regions]
GET    region_list          302  403  403  403  200  200  200  200  -
# The division tree is reference data: any staff read any region (*).
GET    region_detail        302  403  403  403  200  200  200  200  zs*
GET    region_edit          302  403  403  403  200  200  404  200  zs
GET    region_child_create  302  403  403  403  200  200  404  200  zs
GET    unit_list            302  403  403  403  200  200  200  200  -
GET    unit_create          302  403  403  403  200  200  200  200  -
GET    unit_detail          302  403  403  200  404  200  404  200  unit
GET    unit_edit            302  403  403  403  404  200  404  200  unit
[]
GET    region-list          200  200  200  200  200  200  200  200  -
GET    region-detail        200  200  200  200  200  200  200  200  zs
GET    handling-unit-list   401  403  403  200  200  200  200  200  -
GET    handling-unit-detail 401  403  403  200  404  200  404  200  unit
"""
