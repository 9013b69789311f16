# Table 三 reads one stretch of this index per applicant kind and outcome, in GROUP BY order
# (no sort); the receipt-date index dropped in 0002 comes back for receipt-date ranges.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0002_table3_covering_index"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="application",
            name="application_table3",
        ),
        migrations.AddIndex(
            model_name="application",
            index=models.Index(
                fields=["agency", "applicant_kind", "outcome", "concluded_on", "receipt_date"],
                name="application_table3_kind",
            ),
        ),
        migrations.AddIndex(
            model_name="application",
            index=models.Index(
                fields=["agency", "receipt_date"], name="application_agency_receipt"
            ),
        ),
    ]
