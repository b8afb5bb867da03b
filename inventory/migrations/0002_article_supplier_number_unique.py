"""A supplier's article number names one article of that supplier (ART-D8).

Databases that already hold such a twin (the demo region before this change had 41010 = 40110
and 41080 = 40120) keep both articles — they may be on orders — but the later twin loses its
supplier's number, to be corrected in admin; then the constraint can be added."""

from django.db import migrations, models
from django.db.models import Count


def clear_twin_supplier_numbers(apps, schema_editor):
    Article = apps.get_model("inventory", "Article")
    twins = (
        Article.objects.exclude(supplier_number="")
        .values("supplier_id", "supplier_number")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    for twin in twins:
        later = Article.objects.filter(
            supplier_id=twin["supplier_id"], supplier_number=twin["supplier_number"]
        ).order_by("number")[1:]
        Article.objects.filter(pk__in=[a.pk for a in later]).update(supplier_number="")


class Migration(migrations.Migration):
    dependencies = [("inventory", "0001_initial")]

    operations = [
        migrations.RunPython(clear_twin_supplier_numbers, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="article",
            constraint=models.UniqueConstraint(
                condition=models.Q(("supplier_number", ""), _negated=True),
                fields=("supplier", "supplier_number"),
                name="inventory_article_supplier_number_unique",
                violation_error_message=(
                    "Leverantören har redan en artikel med detta leverantörens artikelnummer."
                ),
            ),
        ),
    ]
