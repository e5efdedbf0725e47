"""Who may open each URL of scoring tables, adjustments, the evaluation and score sheets, pages and
API: the answer each role gets, in the grid the access matrix checks (core/tests/test_access.py;
the grid's form is in renda.core.testing, "Access"). A new URL of the app needs its row here."""

ACCESS = """
                                anon dep  liai unit town dist othr admn object
[assessment]
GET    table_list                302  403  403  403  200  200  200  200  -
GET    table_create              302  403  403  403  200  200  200  200  -
GET    table_detail              302  403  403  403  404  200  404  200  table
GET    table_edit                302  403  403  403  404  200  404  200  table
GET    table_copy                302  403  403  403  404  200  404  200  table
GET    table_publish             302  403  403  403  405  405  405  405  table
POST   table_publish             302  403  403  403  404  ok   404  ok   table
GET    item_create               302  403  403  403  404  200  404  200  table
GET    item_edit                 302  403  403  403  404  200  404  200  item
GET    item_delete               302  403  403  403  405  405  405  405  item
POST   item_delete               302  403  403  403  404  ok   404  ok   item
GET    band_create               302  403  403  403  404  200  404  200  table
GET    band_edit                 302  403  403  403  404  200  404  200  band
GET    band_delete               302  403  403  403  405  405  405  405  band
POST   band_delete               302  403  403  403  404  ok   404  ok   band
GET    adjustment_list           302  403  403  403  200  200  200  200  -
GET    adjustment_create         302  403  403  403  404  200  404  200  congress+2024
GET    adjustment_edit           302  403  403  403  404  200  404  200  adjustment
GET    adjustment_delete         302  403  403  403  405  405  405  405  adjustment
POST   adjustment_delete         302  403  403  403  404  ok   404  ok   adjustment
GET    evaluation_list           302  403  403  403  200  200  200  200  -
GET    evaluation_run            302  403  403  403  200  200  200  200  -
GET    evaluation_detail         302  403  403  403  404  200  404  200  evaluation
GET    evaluation_finalize       302  403  403  403  404  200  404  200  evaluation
GET    evaluation_publish_scores 302  403  403  403  405  405  405  405  evaluation
POST   evaluation_publish_scores 302  403  403  403  404  ok   404  ok   evaluation
GET    evaluation_xlsx           302  403  403  403  404  200  404  200  evaluation
GET    evaluation_dashboard      302  403  403  403  404  200  404  200  evaluation
GET    result_detail             302  200  403  403  404  200  404  200  result
GET    result_pdf                302  200  403  403  404  200  404  200  result
GET    mine                      302  200  403  403  403  403  403  200  -
[]
GET    scoring-table-list        401  403  403  403  200  200  200  200  -
GET    scoring-table-from-preset 401  403  403  403  405  405  405  405  -
POST   scoring-table-from-preset 401  403  403  403  ok   ok   ok   ok   -
GET    scoring-table-detail      401  403  403  403  404  200  404  200  table
GET    scoring-table-copy        401  403  403  403  405  405  405  405  table
POST   scoring-table-copy        401  403  403  403  404  ok   404  ok   table
GET    scoring-table-publish     401  403  403  403  405  405  405  405  table
POST   scoring-table-publish     401  403  403  403  404  ok   404  ok   table
GET    scoring-item-list         401  403  403  403  200  200  200  200  -
GET    scoring-item-detail       401  403  403  403  404  200  404  200  item
GET    grade-band-list           401  403  403  403  200  200  200  200  -
GET    grade-band-detail         401  403  403  403  404  200  404  200  band
GET    score-adjustment-list     401  403  403  403  200  200  200  200  -
GET    score-adjustment-detail   401  403  403  403  404  200  404  200  adjustment
GET    evaluation-list           401  403  403  403  200  200  200  200  -
GET    evaluation-run            401  403  403  403  405  405  405  405  -
POST   evaluation-run            401  403  403  403  ok   ok   ok   ok   -
GET    evaluation-detail         401  403  403  403  404  200  404  200  evaluation
GET    evaluation-finalize       401  403  403  403  405  405  405  405  evaluation
POST   evaluation-finalize       401  403  403  403  404  ok   404  ok   evaluation
GET    evaluation-publish-scores 401  403  403  403  405  405  405  405  evaluation
POST   evaluation-publish-scores 401  403  403  403  404  ok   404  ok   evaluation
GET    evaluation-results        401  403  403  403  404  200  404  200  evaluation
GET    evaluation-result-list    401  200  403  403  200  200  200  200  -
GET    evaluation-result-detail  401  200  403  403  404  200  404  200  result
GET    evaluation-result-sheet   401  200  403  403  404  200  404  200  result
"""
