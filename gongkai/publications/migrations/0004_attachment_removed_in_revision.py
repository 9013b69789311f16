# The revision that removed an attachment (the public version keeps it until then).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("publications", "0003_portal_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="itemattachment",
            name="removed_in_revision",
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name="移除版本"),
        ),
        migrations.AddConstraint(
            model_name="itemattachment",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("removed_in_revision__isnull", True),
                    ("removed_in_revision__gt", models.F("added_in_revision")),
                    _connector="OR",
                ),
                name="attachment_removed_after_added",
            ),
        ),
        migrations.AddConstraint(
            model_name="itemattachment",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("removed_at__isnull", True),
                    ("removed_in_revision__isnull", False),
                    _connector="OR",
                ),
                name="attachment_removed_in_a_revision",
            ),
        ),
    ]
