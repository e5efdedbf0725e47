"""Who may open each URL of commendations, pages and API, and their public read: the answer each
role gets, in the grid the access matrix checks (core/tests/test_access.py; the grid's form is
in renda.core.testing, "Access"). A new URL of the app needs its row here."""

ACCESS = """
                                          anon dep  liai unit town dist othr admn object
[recognition]
GET    commendation_list                   302  403  403  403  200  200  200  200  -
GET    commendation_create                 302  403  403  403  200  200  200  200  -
GET    commendations_nominate_from_results 302  403  403  403  200  200  200  200  -
GET    commendation_detail                 302  403  403  403  404  200  404  200  nominated
GET    commendation_approve                302  403  403  403  405  405  405  405  nominated
POST   commendation_approve                302  403  403  403  404  ok   404  ok   nominated
GET    commendation_reject                 302  403  403  403  404  200  404  200  nominated
GET    commendation_publish                302  403  403  403  405  405  405  405  commended
POST   commendation_publish                302  403  403  403  404  ok   404  ok   commended
GET    commendation_unpublish              302  403  403  403  405  405  405  405  published
POST   commendation_unpublish              302  403  403  403  404  ok   404  ok   published
[]
GET    commendation-list                   401  403  403  403  200  200  200  200  -
GET    commendation-nominate-from-results  401  403  403  403  405  405  405  405  -
POST   commendation-nominate-from-results  401  403  403  403  ok   ok   ok   ok   -
GET    commendation-detail                 401  403  403  403  404  200  404  200  nominated
GET    commendation-approve                401  403  403  403  405  405  405  405  nominated
POST   commendation-approve                401  403  403  403  404  ok   404  ok   nominated
GET    commendation-publish                401  403  403  403  405  405  405  405  commended
POST   commendation-publish                401  403  403  403  404  ok   404  ok   commended
GET    commendation-reject                 401  403  403  403  405  405  405  405  nominated
POST   commendation-reject                 401  403  403  403  404  ok   404  ok   nominated
GET    commendation-unpublish              401  403  403  403  405  405  405  405  published
POST   commendation-unpublish              401  403  403  403  404  ok   404  ok   published
GET    public-commendation-list            200  200  200  200  200  200  200  200  -
GET    public-commendation-detail          200  200  200  200  200  200  200  200  published
"""
