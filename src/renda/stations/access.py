"""Who may open each URL of stations, their deputies and the roster spreadsheet, pages and API: the
answer each role gets, in the grid the access matrix checks (core/tests/test_access.py; the
grid's form is in renda.core.testing, "Access"). A new URL of the app needs its row here."""

ACCESS = """
                                anon dep  liai unit town dist othr admn object
[people]
GET    roster_import             302  403  403  403  200  200  200  200  -
GET    roster_template           302  403  403  403  200  200  200  200  -
GET    roster_export             302  403  403  403  200  200  200  200  -
[stations]
GET    station_list              302  403  403  403  200  200  200  200  -
GET    station_create            302  403  403  403  200  200  200  200  -
GET    station_import            302  403  403  403  200  200  200  200  -
GET    station_template          302  403  403  403  200  200  200  200  -
GET    station_export            302  403  403  403  200  200  200  200  -
GET    station_detail            302  200  200  403  200  200  404  200  station
GET    station_edit              302  403  403  403  200  200  404  200  station
# The station's liaison keeps its reception schedule; a deputy reads it on the station's page.
GET    reception_edit            302  403  200  403  200  200  404  200  station
GET    assignment_create         302  403  403  403  200  200  404  200  station
GET    assignment_end            302  403  403  403  200  200  404  200  station+assignment
[]
GET    station-list              200  200  200  200  200  200  200  200  -
GET    station-detail            200  200  200  200  200  200  200  200  station
GET    station-assignments       405  405  405  405  405  405  405  405  station
POST   station-assignments       401  403  403  403  ok   ok   404  ok   station
GET    station-assignment-list   401  403  403  403  200  200  200  200  -
GET    station-assignment-detail 401  403  403  403  200  200  404  200  assignment
GET    station-assignment-end    401  403  403  403  405  405  405  405  assignment
POST   station-assignment-end    401  403  403  403  ok   ok   404  ok   assignment
GET    assignment-list           401  403  403  403  200  200  200  200  -
GET    assignment-detail         401  403  403  403  200  200  404  200  assignment
GET    assignment-end            401  403  403  403  405  405  405  405  assignment
POST   assignment-end            401  403  403  403  ok   ok   404  ok   assignment
"""
