"""The exit warnings app takes over its tables from assessment (see assessment's 0003):
the models are created in Django's record only, on the tables that already hold their rows, and
the content types (which the audit log points at) are renamed, so every history stays.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


MODELS = ['exitrule', 'exitwarning']


def take_over_content_types(apps, schema_editor):
    """Rename assessment's content types of the moved models, so audit rows keep pointing at
    them; a database that never had them has nothing to rename."""
    content_type = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not content_type.objects.filter(app_label="exit_warnings", model=model).exists():
            content_type.objects.filter(app_label="assessment", model=model).update(
                app_label="exit_warnings"
            )


def give_back_content_types(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    content_type.objects.filter(app_label="exit_warnings", model__in=MODELS).update(
        app_label="assessment"
    )


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("assessment", "0003_move_out_commendations_and_exit_warnings"),
        ('congresses', '0001_initial'),
        ('people', '0003_person_phone_and_id_validators'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ExitRule',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('below_minimum', 'Below the minimums in consecutive years'), ('discipline', 'A discipline deduction'), ('grade', 'Graded unqualified')], max_length=20, verbose_name='rule')),
                        ('years', models.PositiveSmallIntegerField(default=2, help_text='For the minimums: how many years in a row.', verbose_name='years running')),
                        ('active', models.BooleanField(default=True, verbose_name='active')),
                        ('congress', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='exit_rules', to='congresses.congress', verbose_name='congress')),
                    ],
                    options={
                        'verbose_name': 'exit rule',
                        'verbose_name_plural': 'exit rules',
                        'db_table': 'assessment_exitrule',
                        'ordering': ['congress', 'kind'],
                        'constraints': [models.UniqueConstraint(fields=('congress', 'kind'), name='exit_rule_unique', violation_error_message='This congress already has that rule.'), models.CheckConstraint(condition=models.Q(('years__gte', 1)), name='exit_rule_years_positive', violation_error_message='At least one year.')],
                    },
                ),
                migrations.CreateModel(
                    name='ExitWarning',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='year')),
                        ('kind', models.CharField(choices=[('below_minimum', 'Below the minimums in consecutive years'), ('discipline', 'A discipline deduction'), ('grade', 'Graded unqualified')], max_length=20, verbose_name='rule')),
                        ('reason', models.CharField(max_length=300, verbose_name='why')),
                        ('status', models.CharField(choices=[('open', 'Open'), ('talked', 'Talked with the deputy'), ('resolved', 'Resolved'), ('dismissed', 'Dismissed')], default='open', max_length=20, verbose_name='status')),
                        ('status_note', models.CharField(blank=True, max_length=500, verbose_name='what was done')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='raised')),
                        ('congress', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='congresses.congress', verbose_name='congress')),
                        ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='handled by')),
                        ('mandate', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='exit_warnings', to='people.mandate', verbose_name='seat')),
                    ],
                    options={
                        'verbose_name': 'exit warning',
                        'verbose_name_plural': 'exit warnings',
                        'db_table': 'assessment_exitwarning',
                        'ordering': ['-year', 'status', 'pk'],
                        'constraints': [models.UniqueConstraint(fields=('mandate', 'year', 'kind'), name='exit_warning_once', violation_error_message='This warning was already raised.')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(take_over_content_types, give_back_content_types),
    ]
