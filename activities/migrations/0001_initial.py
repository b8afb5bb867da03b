# The app's first migration: empty, so that activities and pickup orders can each add theirs.
from django.db import migrations


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = []
