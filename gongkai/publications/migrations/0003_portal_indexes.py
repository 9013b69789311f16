# The portal's partial indexes (public lists in order, an item's 解读 links).

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0001_initial"),
        ("publications", "0002_event_import_action"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="publisheditem",
            index=models.Index(
                condition=models.Q(("is_public", True)),
                fields=["agency", "published_at", "id"],
                name="item_public_latest",
            ),
        ),
        migrations.AddIndex(
            model_name="publisheditem",
            index=models.Index(
                condition=models.Q(("is_public", True)),
                fields=["category", "published_at", "id"],
                name="item_public_in_category",
            ),
        ),
        migrations.AddIndex(
            model_name="publisheditem",
            index=models.Index(
                condition=models.Q(("explainer__isnull", False)),
                fields=["explainer", "published_at"],
                name="item_explains",
            ),
        ),
    ]
