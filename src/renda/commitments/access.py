"""Who may open each URL of the commitment cycle, past commitments, reminders and the public
statistics: the answer each role gets, in the grid the access matrix checks
(core/tests/test_access.py; the grid's form is in renda.core.testing, "Access"). A new URL of
the app needs its row here."""

ACCESS = """
                               anon dep  liai unit town dist othr admn object
[commitment_statistics]
GET    statistics               200  200  200  200  200  200  200  200  -
GET    statistics_xlsx          200  200  200  200  200  200  200  200  -
[commitments]
GET    commitment_list          302  403  403  403  200  200  200  200  -
GET    review_queue             302  403  403  403  200  200  200  200  -
# Staff are sent on to the list; a deputy reads their own.
GET    mine                     302  200  403  403  go   go   go   go   -
GET    person_commitments       302  200  403  403  404  200  404  200  li
GET    commitment_create        302  200  403  403  404  200  404  200  li+cycle
GET    commitment_detail        302  200  404  403  404  200  404  200  commitment
GET    commitment_edit          302  200  403  403  404  200  404  200  draft
GET    commitment_submit        302  405  403  403  403  403  403  405  draft
POST   commitment_submit        302  ok   403  403  403  403  403  403  draft
GET    commitment_withdraw      302  405  403  403  403  403  403  405  commitment
POST   commitment_withdraw      302  ok   403  403  403  403  403  403  commitment
GET    commitment_approve       302  403  403  403  405  405  405  405  commitment
POST   commitment_approve       302  403  403  403  404  ok   404  ok   commitment
GET    commitment_return        302  403  403  403  404  200  404  200  commitment
GET    commitment_cancel        302  403  403  403  404  200  404  200  commitment
GET    commitment_close         302  403  403  403  404  200  404  200  approved
GET    progress_add             302  200  403  403  404  200  404  200  approved
GET    year_list                302  403  403  403  200  200  200  200  -
GET    year_create              302  403  403  403  200  200  200  200  -
GET    year_detail              302  403  403  403  404  200  404  200  cycle
GET    year_edit                302  403  403  403  404  200  404  200  cycle
GET    category_create          302  403  403  403  200  200  200  200  -
[commitment_history]
GET    import                   302  403  403  403  200  200  200  200  -
GET    template                 302  403  403  403  200  200  200  200  -
GET    export                   302  403  403  403  200  200  200  200  -
[commitment_reminders]
GET    list                     302  403  403  403  200  200  200  200  -
GET    send                     302  403  403  403  405  405  405  405  -
POST   send                     302  403  403  403  ok   ok   ok   ok   -
[]
GET    commitment-year-list     401  200  403  403  200  200  200  200  -
GET    commitment-year-detail   401  200  403  403  404  200  404  200  cycle
GET    commitment-list          401  200  200  403  200  200  200  200  -
GET    commitment-detail        401  200  404  403  404  200  404  200  commitment
GET    commitment-approve       401  405  405  403  405  405  405  405  commitment
POST   commitment-approve       401  403  403  403  404  ok   404  ok   commitment
GET    commitment-cancel        401  405  405  403  405  405  405  405  commitment
POST   commitment-cancel        401  403  403  403  404  ok   404  ok   commitment
GET    commitment-close         401  405  405  403  405  405  405  405  approved
POST   commitment-close         401  403  403  403  404  ok   404  ok   approved
GET    commitment-hints         401  403  403  403  404  200  404  200  commitment
GET    commitment-progress      401  405  405  403  405  405  405  405  approved
POST   commitment-progress      401  ok   403  403  404  ok   404  ok   approved
GET    commitment-return        401  405  405  403  405  405  405  405  commitment
POST   commitment-return        401  403  403  403  404  ok   404  ok   commitment
GET    commitment-submit        401  405  405  403  405  405  405  405  draft
POST   commitment-submit        401  ok   403  403  403  403  403  403  draft
GET    commitment-withdraw      401  405  405  403  405  405  405  405  commitment
POST   commitment-withdraw      401  ok   403  403  403  403  403  403  commitment
GET    public-commitment-list   200  200  200  200  200  200  200  200  -
GET    public-commitment-detail 200  200  200  200  200  200  200  200  approved
"""
