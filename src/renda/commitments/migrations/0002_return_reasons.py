"""The return reasons every congress starts with; staff add their own in the admin."""

from django.db import migrations

REASONS = [
    ("job_duty", "与本职工作重合", True, False, 1),
    ("vague", "不具体、不可衡量", False, False, 2),
    ("other", "其他（请说明）", False, True, 9),
]


def add(apps, schema_editor):
    ReturnReason = apps.get_model("commitments", "ReturnReason")
    for code, label, is_job_duty, needs_note, order in REASONS:
        ReturnReason.objects.get_or_create(
            congress=None,
            code=code,
            defaults={"label": label, "is_job_duty": is_job_duty, "needs_note": needs_note, "order": order},
        )


def remove(apps, schema_editor):
    apps.get_model("commitments", "ReturnReason").objects.filter(
        congress=None, code__in=[r[0] for r in REASONS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("commitments", "0001_initial")]
    operations = [migrations.RunPython(add, remove)]
