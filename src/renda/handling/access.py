"""Who may open each URL of handling: the answer each role gets, in the grid the access matrix
checks (core/tests/test_access.py; the grid's form is in renda.core.testing, "Access"). A new
URL of the app needs its row here.

These are the rows of the papers (the assignment notice, the reply-letter template); the rows
of the other pages are merged in beside them. `assignment` is the shared world's assignment of
a 荣昌区 suggestion to the unit the "unit" role works for."""

ACCESS = """
                                          anon dep  liai unit town dist othr admn object
[handling]
# The office that assigned it (荣昌区's) and the unit it was given to read its papers; the
# staff of 直升镇 do not keep 荣昌区's assignments.
GET    notice                              302  403  403  200  404  200  404  200  assignment
GET    item_notice                         302  403  403  200  404  200  404  200  assignment
GET    reply_template                      302  403  403  200  404  200  404  200  assignment
"""
