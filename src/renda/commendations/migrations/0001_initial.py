"""The commendations app takes over its tables from assessment (see assessment's 0003):
the models are created in Django's record only, on the tables that already hold their rows, and
the content types (which the audit log points at) are renamed, so every history stays.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


MODELS = ['commendation']


def take_over_content_types(apps, schema_editor):
    """Rename assessment's content types of the moved models, so audit rows keep pointing at
    them; a database that never had them has nothing to rename."""
    content_type = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not content_type.objects.filter(app_label="commendations", model=model).exists():
            content_type.objects.filter(app_label="assessment", model=model).update(
                app_label="commendations"
            )


def give_back_content_types(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    content_type.objects.filter(app_label="commendations", model__in=MODELS).update(
        app_label="assessment"
    )


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ('assessment', '0003_move_out_commendations_and_exit_warnings'),
        ('congresses', '0001_initial'),
        ('people', '0003_person_phone_and_id_validators'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Commendation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('praise', 'Yearly praise'), ('commendation', 'End-of-term commendation')], max_length=20, verbose_name='kind')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='year')),
                        ('title', models.CharField(help_text='e.g. 2019年度履职优秀代表', max_length=100, verbose_name='title')),
                        ('citation', models.TextField(blank=True, verbose_name='citation')),
                        ('status', models.CharField(choices=[('nominated', 'Nominated'), ('approved', 'Approved'), ('rejected', 'Not approved'), ('published', 'Published')], default='nominated', max_length=20, verbose_name='status')),
                        ('status_note', models.CharField(blank=True, max_length=300, verbose_name='note on the status')),
                        ('published_at', models.DateTimeField(blank=True, null=True, verbose_name='published')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='nominated')),
                        ('congress', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='commendations', to='congresses.congress', verbose_name='congress')),
                        ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='decided by')),
                        ('group', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='commendations', to='people.deputygroup', verbose_name='deputy group')),
                        ('mandate', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='commendations', to='people.mandate', verbose_name='deputy')),
                        ('nominated_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='nominated by')),
                        ('result', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='assessment.evaluationresult', verbose_name='from the evaluation')),
                    ],
                    options={
                        'verbose_name': 'commendation',
                        'verbose_name_plural': 'commendations',
                        'db_table': 'assessment_commendation',
                        'ordering': ['-year', 'kind', 'pk'],
                        'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('mandate__isnull', False), ('group__isnull', True)), models.Q(('mandate__isnull', True), ('group__isnull', False)), _connector='OR'), name='commendation_one_subject', violation_error_message='Commend either a deputy or a deputy group.'), models.UniqueConstraint(condition=models.Q(('mandate__isnull', False), models.Q(('status', 'rejected'), _negated=True)), fields=('congress', 'kind', 'year', 'mandate'), name='commendation_once_per_deputy', violation_error_message='This deputy is already nominated for that year.'), models.UniqueConstraint(condition=models.Q(('group__isnull', False), models.Q(('status', 'rejected'), _negated=True)), fields=('congress', 'kind', 'year', 'group'), name='commendation_once_per_group', violation_error_message='This group is already nominated for that year.')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(take_over_content_types, give_back_content_types),
    ]
