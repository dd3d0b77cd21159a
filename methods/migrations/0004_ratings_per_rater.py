"""Each rater of a competence measurement gets their own columns.

Until now the coach and the floor supervisor shared one column ("other"), the last
one to save overwriting the other. The shared score is kept for whoever signed it:
a floor supervisor of the organisation who does not coach the worker gets it in the
floor supervisor's column, everybody else (and unsigned rows) in the coach's.
That floor supervisor becomes the trajectory's assigned one, so they keep rating it.
"""

from django.conf import settings
from django.db import migrations, models
from django.db.models import Exists, OuterRef


def split_shared_column(apps, schema_editor):
    CompetenceRating = apps.get_model("methods", "CompetenceRating")
    Membership = apps.get_model("accounts", "Membership")
    Trajectory = apps.get_model("plans", "Trajectory")
    floor = Membership.objects.filter(
        user=OuterRef("coach_by"),
        organisation=OuterRef("worksheet__trajectory__organisation"),
        role="floor_supervisor",
    )
    coaches = Trajectory.coaches.through.objects.filter(
        trajectory=OuterRef("worksheet__trajectory"), user=OuterRef("coach_by")
    )
    by_floor = CompetenceRating.objects.filter(coach_by__isnull=False).filter(
        Exists(floor), ~Exists(coaches)
    )
    for rating in by_floor.select_related("worksheet"):
        rating.floor, rating.floor_by = rating.coach, rating.coach_by
        rating.coach, rating.coach_by = None, None
        rating.floor_at = rating.worksheet.updated_at
        rating.save(update_fields=["floor", "floor_by", "floor_at", "coach", "coach_by"])
        # Who rated before assignments existed stays the worker's floor supervisor.
        Trajectory.objects.filter(
            pk=rating.worksheet.trajectory_id, floor_supervisor__isnull=True
        ).update(floor_supervisor=rating.floor_by)
    # Only the worksheet's last change is known: the best date there is for old scores.
    for rating in CompetenceRating.objects.filter(coach__isnull=False).select_related("worksheet"):
        rating.coach_at = rating.worksheet.updated_at
        rating.save(update_fields=["coach_at"])
    for rating in CompetenceRating.objects.filter(
        models.Q(self_now__isnull=False) | models.Q(self_wanted__isnull=False)
    ).select_related("worksheet"):
        rating.self_at = rating.worksheet.updated_at
        rating.save(update_fields=["self_at"])


class Migration(migrations.Migration):
    dependencies = [
        ("methods", "0003_interview_smart_four_in_row"),
        ("plans", "0007_trajectory_floor_supervisor"),
        ("accounts", "0003_supervisor_and_reminders"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField("competencerating", "other", "coach"),
        migrations.RenameField("competencerating", "rated_by", "coach_by"),
        migrations.AlterField(
            model_name="competencerating",
            name="coach",
            field=models.PositiveSmallIntegerField(
                blank=True,
                choices=[(1, "1"), (2, "2"), (3, "3"), (4, "4"), (5, "5")],
                null=True,
                verbose_name="coach",
            ),
        ),
        migrations.AlterField(
            model_name="competencerating",
            name="coach_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="coach",
            ),
        ),
        migrations.AddField(
            model_name="competencerating",
            name="coach_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="coach op"),
        ),
        migrations.AddField(
            model_name="competencerating",
            name="floor",
            field=models.PositiveSmallIntegerField(
                blank=True,
                choices=[(1, "1"), (2, "2"), (3, "3"), (4, "4"), (5, "5")],
                null=True,
                verbose_name="werkvloerbegeleider",
            ),
        ),
        migrations.AddField(
            model_name="competencerating",
            name="floor_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="werkvloerbegeleider",
            ),
        ),
        migrations.AddField(
            model_name="competencerating",
            name="floor_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="werkvloerbegeleider op"),
        ),
        migrations.AddField(
            model_name="competencerating",
            name="self_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="zelfinschatting ingevuld door",
            ),
        ),
        migrations.AddField(
            model_name="competencerating",
            name="self_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="zelfinschatting op"),
        ),
        migrations.RunPython(split_shared_column, migrations.RunPython.noop),
    ]
