"""Who may open each URL of the public site: deputies, stations, their files, the wall and the
public record: the answer each role gets, in the grid the access matrix checks
(core/tests/test_access.py; the grid's form is in renda.core.testing, "Access"). A new URL of
the app needs its row here."""

ACCESS = """
                        anon dep  liai unit town dist othr admn object
[portal]
GET    home              200  200  200  200  200  200  200  200  -
GET    deputies          200  200  200  200  200  200  200  200  -
GET    deputy            200  200  200  200  200  200  200  200  li
GET    deputy_qr_svg     200  200  200  200  200  200  200  200  li
GET    deputy_qr_png     200  200  200  200  200  200  200  200  li
GET    deputy_plate      200  200  200  200  200  200  200  200  li
GET    stations          200  200  200  200  200  200  200  200  -
GET    station           200  200  200  200  200  200  200  200  station
GET    station_ics       200  200  200  200  200  200  200  200  station
GET    station_qr_svg    200  200  200  200  200  200  200  200  station
GET    api               200  200  200  200  200  200  200  200  -
[commitment_wall]
GET    wall              200  200  200  200  200  200  200  200  station
GET    wall_a4           200  200  200  200  200  200  200  200  station
GET    wall_a3           200  200  200  200  200  200  200  200  station
[public_assessment]
GET    deputy_activities 200  200  200  200  200  200  200  200  li
GET    commendations     200  200  200  200  200  200  200  200  -
GET    scores            200  200  200  200  200  200  200  200  evaluation
"""
