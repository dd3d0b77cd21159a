import datetime

from django.utils import timezone

from plans.models import PopVersion, ProgressTalk
from plans.portfolio.models import (
    Evidence,
    PopTemplate,
    PopTemplateItem,
    SupervisionPeriod,
    TeamMatrixItem,
)
from tests.access import Row, only
from tests.factories import (
    ActionFactory,
    ContactMomentFactory,
    GoalFactory,
    SummaryItemFactory,
    agreeable_pop,
)


def own(cast):
    return [cast.trajectory.pk]


def pop(cast):
    return [cast.pop.pk]


READERS = only("worker", "coach", "trainer", "admin")
PORTFOLIO_READERS = only("worker", "coach", "trainer", "admin", "supervisor")
EVERYONE = only(
    "worker",
    "other_worker",
    "coach",
    "other_coach",
    "trainer",
    "ambassador",
    "registrar",
    "floor_supervisor",
    "other_floor_supervisor",
    "admin",
    "supervisor",
    "expired_supervisor",
    "revoked_supervisor",
)


def evidence(cast):
    action = ActionFactory(pop=cast.pop)
    item = Evidence(action=action, file_name="attest.pdf", content_type="application/pdf")
    from django.core.files.base import ContentFile

    item.file.save("attest.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    return [item.pk]


def second_version(cast):
    agreeable_pop(cast.pop)
    cast.pop.agreed_at = timezone.now()
    cast.pop.save(update_fields=["agreed_at"])
    new = PopVersion.objects.create(trajectory=cast.trajectory, number=2, previous=cast.pop)
    return [new.pk]


def open_period(cast):
    period = SupervisionPeriod.objects.create(
        trajectory=cast.trajectory, number=1, starts_on=timezone.localdate()
    )
    agreeable_pop(cast.pop)
    cast.pop.agreed_at = timezone.now()
    cast.pop.save(update_fields=["agreed_at"])
    return [cast.trajectory.pk, period.pk]


def talk(cast, days_ahead: int = 10):
    return [
        ProgressTalk.objects.create(
            trajectory=cast.trajectory,
            planned_by=cast.coach,
            planned_on=timezone.localdate() + datetime.timedelta(days=days_ahead),
        ).pk
    ]


def talk_today(cast):
    """A report is written on the day of the talk or later."""
    return talk(cast, days_ahead=0)


def held_talk(cast):
    found = ProgressTalk.objects.create(
        trajectory=cast.trajectory,
        planned_by=cast.coach,
        planned_on=timezone.localdate(),
        held_at=timezone.now(),
        next_goals="Zelfstandig de machine instellen",
    )
    agreeable_pop(cast.pop)
    cast.pop.agreed_at = timezone.now()
    cast.pop.save(update_fields=["agreed_at"])
    return [found.pk]


def team_item(cast):
    return [
        TeamMatrixItem.objects.create(trajectory=cast.trajectory, label="Lassen", kind="learn").pk
    ]


def pop_template(cast):
    return [
        PopTemplate.objects.create(
            organisation=cast.organisation, function_name="Lasser", title="Lassen"
        ).pk
    ]


def template_item(cast):
    template = PopTemplate.objects.create(
        organisation=cast.organisation, function_name="Lasser", title="Lassen"
    )
    item = PopTemplateItem.objects.create(
        template=template, kind="action", text="Lasbril dragen", competence="technical"
    )
    return [template.pk, item.pk]


def grant(cast):
    return [cast.trajectory.pk, cast.trajectory.grants.get(grantee=cast.supervisor).pk]


ROWS: dict[str, Row] = {
    "plans:coach-home": Row(only("coach", "other_coach")),
    "plans:coach-archive": Row(only("coach", "other_coach")),
    "plans:worker-home": Row(only("worker", "other_worker")),
    "plans:my-data": Row(only("worker", "other_worker")),
    "plans:what-is-a-pop": Row(only("worker", "other_worker")),
    "plans:who-looked": Row(only("worker", "other_worker")),
    "plans:trainer-home": Row(only("trainer")),
    "plans:ambassador-home": Row(only("ambassador")),
    "plans:trajectory-create": Row(only("coach", "other_coach")),
    "plans:trajectory": Row(READERS, own),
    "plans:trajectory-edit": Row(only("coach"), own),
    "plans:trajectory-phase": Row(only("coach", status=302), own, "post", {"phase": "analyse"}),
    "plans:follow-up-start": Row(only("coach", status=302), own, "post"),
    "plans:contact-create": Row(only("coach"), own),
    "plans:contact-edit": Row(
        only("coach"), lambda c: [c.trajectory.pk, ContactMomentFactory(trajectory=c.trajectory).pk]
    ),
    "plans:contact-delete": Row(
        only("coach", status=302),
        lambda c: [c.trajectory.pk, ContactMomentFactory(trajectory=c.trajectory).pk],
        "post",
    ),
    "plans:pop": Row({**READERS, "worker": 302}, pop),
    "plans:pop-pdf": Row(only("worker", "coach", "admin"), pop),
    "plans:pop-agree": Row(only("worker", "coach", status=302), pop, "post"),
    "plans:pop-revise": Row(only("coach", status=302), pop, "post"),
    "plans:pop-ready": Row(only("coach", status=302), pop, "post"),
    "plans:evaluations": Row(only("coach"), pop),
    "plans:overall-goal": Row(only("coach", status=302), pop, "post", {"overall_goal": "Doel"}),
    "plans:summary-create": Row(only("coach"), pop),
    "plans:goal-create": Row(only("coach"), pop),
    "plans:goal-edit": Row(only("coach"), lambda c: [c.pop.pk, GoalFactory(pop=c.pop).pk]),
    "plans:action-create": Row(only("coach"), pop),
    "plans:action-edit": Row(only("coach"), lambda c: [c.pop.pk, ActionFactory(pop=c.pop).pk]),
    "plans:action-progress": Row(
        only("worker", "coach", status=302),
        lambda c: [c.pop.pk, ActionFactory(pop=c.pop).pk],
        "post",
        {"progress": "3"},
    ),
    "plans:part-delete": Row(
        only("coach", status=302),
        lambda c: [c.pop.pk, "summary", SummaryItemFactory(pop=c.pop).pk],
        "post",
    ),
    # Issue 5: portfolio, grants, progress talks, reminders.
    "plans:portfolio": Row(PORTFOLIO_READERS, own),
    "plans:growth": Row(PORTFOLIO_READERS, own),
    "plans:compare": Row(PORTFOLIO_READERS, own),
    "plans:evidence-file": Row(PORTFOLIO_READERS, evidence),
    "plans:grants": Row(only("worker", "coach"), own),
    "plans:grant-revoke": Row(only("worker", "coach", status=302), grant, "post"),
    "plans:shared-portfolios": Row(
        only("supervisor", "expired_supervisor", "revoked_supervisor"), lambda c: []
    ),
    "plans:evidence-create": Row(
        only("worker", "coach"), lambda c: [c.pop.pk, ActionFactory(pop=c.pop).pk]
    ),
    "plans:reflection": Row(only("coach"), second_version),
    "plans:period-create": Row(only("coach"), own),
    "plans:period-close": Row(only("coach", status=302), open_period, "post"),
    "plans:talk-create": Row(only("coach"), own),
    "plans:talk": Row(only("worker", "coach"), talk),
    "plans:talk-prepare": Row(only("worker"), talk),
    "plans:talk-notes": Row(only("coach"), talk),
    "plans:talk-record": Row(only("coach"), talk_today),
    "plans:talk-draft-pop": Row(only("coach", status=302), held_talk, "post"),
    "plans:reminder-settings": Row(EVERYONE),
    "plans:team-matrix": Row(only("ambassador", "floor_supervisor", "other_floor_supervisor")),
    "plans:my-team": Row(only("worker", "other_worker")),
    "plans:my-team-share": Row(only("worker", status=302), team_item, "post", {"shared": "1"}),
    "plans:templates": Row(only("trainer", "ambassador")),
    "plans:template": Row(only("trainer", "ambassador"), pop_template),
    "plans:template-item-delete": Row(
        only("trainer", "ambassador", status=302), template_item, "post"
    ),
    "plans:pop-from-template": Row(only("coach"), pop),
}
