from django.db import migrations

from popsite.accounts import tally

# Frozen here, not read from the code: this migration made these triggers. Every
# trajectory counts, closed ones too (as the admin overview always counted them).
TRAJECTORIES = tally.Counted("trajectories", "plans_trajectory")


def create_and_fill(apps, schema_editor):
    tally.create(schema_editor.connection, TRAJECTORIES)
    tally.fill(schema_editor.connection, TRAJECTORIES)


def drop(apps, schema_editor):
    tally.drop(schema_editor.connection, TRAJECTORIES)


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0008_organisation_tally'),
        ('plans', '0013_overview_covering_indexes'),
    ]

    operations = [
        migrations.RunPython(create_and_fill, drop),
    ]
