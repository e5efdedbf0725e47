"""Commendations and exit warnings moved to apps of their own (`commendations`,
`exit_warnings`), which stand above assessment. Only Django's record of the models moves: the
tables (assessment_commendation, assessment_exitrule, assessment_exitwarning) stay where they
are, and the new apps' first migrations take them over."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("assessment", "0002_result_indexes"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Commendation"),
                migrations.DeleteModel(name="ExitWarning"),
                migrations.DeleteModel(name="ExitRule"),
            ],
            database_operations=[],
        ),
    ]
