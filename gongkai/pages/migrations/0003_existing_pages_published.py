"""Every page saved before drafts existed was on the portal: it is its newest revision,
published. (Data only; the fields come from 0002.)"""

from django.db import migrations
from django.db.models import Max


def mark_published(apps, schema_editor):
    AgencyPage = apps.get_model("pages", "AgencyPage")
    for page in AgencyPage.objects.filter(published_number__isnull=True):
        newest = page.revisions.aggregate(number=Max("number"))["number"]
        if newest is not None:
            AgencyPage.objects.filter(pk=page.pk).update(published_number=newest)


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0002_page_drafts"),
    ]

    operations = [
        migrations.RunPython(mark_published, migrations.RunPython.noop),
    ]
