from tests.access import Row, only
from tests.factories import ActionFactory, ContactMomentFactory, GoalFactory, SummaryItemFactory


def own(cast):
    return [cast.trajectory.pk]


def pop(cast):
    return [cast.pop.pk]


READERS = only("worker", "coach", "trainer", "admin")

ROWS: dict[str, Row] = {
    "plans:coach-home": Row(only("coach", "other_coach")),
    "plans:worker-home": Row(only("worker", "other_worker")),
    "plans:my-data": Row(only("worker", "other_worker")),
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
    "plans:pop": Row(READERS, pop),
    "plans:pop-pdf": Row(only("worker", "coach", "admin"), pop),
    "plans:pop-agree": Row(only("worker", "coach", status=302), pop, "post"),
    "plans:pop-revise": Row(only("coach", status=302), pop, "post"),
    "plans:evaluations": Row(only("coach"), pop),
    "plans:overall-goal": Row(only("coach", status=302), pop, "post", {"overall_goal": "Doel"}),
    "plans:summary-create": Row(only("coach"), pop),
    "plans:goal-create": Row(only("coach"), pop),
    "plans:goal-edit": Row(only("coach"), lambda c: [c.pop.pk, GoalFactory(pop=c.pop).pk]),
    "plans:action-create": Row(only("coach"), pop),
    "plans:action-edit": Row(only("coach"), lambda c: [c.pop.pk, ActionFactory(pop=c.pop).pk]),
    "plans:action-progress": Row(
        only("coach", status=302),
        lambda c: [c.pop.pk, ActionFactory(pop=c.pop).pk],
        "post",
        {"progress": "3"},
    ),
    "plans:part-delete": Row(
        only("coach", status=302),
        lambda c: [c.pop.pk, "summary", SummaryItemFactory(pop=c.pop).pk],
        "post",
    ),
}
