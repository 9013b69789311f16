from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="agencypage",
            name="published_number",
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name="已发布的版本"),
        ),
        migrations.AddField(
            model_name="agencypagerevision",
            name="source",
            field=models.TextField(blank=True, default="", verbose_name="编辑文本"),
        ),
        migrations.AlterField(
            model_name="agencypage",
            name="title",
            field=models.CharField(blank=True, max_length=128, verbose_name="标题"),
        ),
        migrations.AlterField(
            model_name="agencypage",
            name="body",
            field=models.TextField(
                blank=True, help_text="已按允许的标记清理过的 HTML", verbose_name="正文"
            ),
        ),
        migrations.AlterField(
            model_name="agencypage",
            name="updated_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="最后发布人",
            ),
        ),
        migrations.AlterField(
            model_name="agencypage",
            name="updated_at",
            field=models.DateTimeField(verbose_name="最后发布时间"),
        ),
    ]
