import datetime

from django.utils import timezone

from methods.models import CalendarFeed, CompetenceDefinition, FunctionProfile
from tests.access import Row, only
from tests.factories import ActionFactory
from tests.methods.factories import (
    DeckFactory,
    MethodFactory,
    PlannedMomentFactory,
    ScanActionFactory,
    picture,
    worksheet,
)

CATALOGUE = only("coach", "other_coach", "trainer", "ambassador", "admin")
READERS = only("worker", "coach", "trainer", "admin")


def own(cast):
    return [cast.trajectory.pk]


def own_method(cast):
    return [MethodFactory(organisation=cast.organisation).pk]


def own_deck(cast):
    return [DeckFactory(organisation=cast.organisation).pk]


def own_competence(cast):
    return [
        CompetenceDefinition.objects.create(
            organisation=cast.organisation, name="Hygiënisch werken", kind="technical"
        ).pk
    ]


def own_profile(cast):
    return [FunctionProfile.objects.create(organisation=cast.organisation, name="Kok").pk]


def moment(cast):
    return [cast.trajectory.pk, PlannedMomentFactory(trajectory=cast.trajectory).pk]


def sheet(cast):
    return [worksheet(cast.trajectory).pk]


def scan_row(cast):
    scan = worksheet(cast.trajectory, "zinvolheid-haalbaarheid")
    return [scan.pk, ScanActionFactory(worksheet=scan).pk]


def smart_row(cast):
    smart = worksheet(cast.trajectory, "smart")
    return [smart.pk, smart.smart_actions.create(challenge="Werk", description="Cv").pk]


def pictures_sheet(cast):
    sheet = worksheet(cast.trajectory, "droompagina")
    return [sheet.pk, picture(sheet).pk]


def feed_token(cast):
    return [CalendarFeed.objects.get_or_create(user=cast.coach)[0].token]


def invite_uid(cast):
    day = timezone.localdate() + datetime.timedelta(days=9)
    return [f"planned-{PlannedMomentFactory(trajectory=cast.trajectory, planned_on=day).pk}"]


ROWS: dict[str, Row] = {
    "methods:catalogue": Row(CATALOGUE),
    "methods:method-create": Row(only("trainer", "ambassador")),
    "methods:method": Row(CATALOGUE, lambda c: [MethodFactory(organisation=None).pk]),
    "methods:method-edit": Row(only("trainer", "ambassador"), own_method),
    "methods:decks": Row(CATALOGUE),
    "methods:deck-create": Row(only("trainer", "ambassador")),
    "methods:deck-edit": Row(only("trainer", "ambassador"), own_deck),
    "methods:competences": Row(CATALOGUE),
    "methods:competence-create": Row(only("trainer", "ambassador")),
    "methods:competence-edit": Row(only("trainer", "ambassador"), own_competence),
    "methods:profile-create": Row(only("trainer", "ambassador")),
    "methods:profile-edit": Row(only("trainer", "ambassador"), own_profile),
    "methods:plan": Row(READERS, own),
    "methods:plan-variant": Row(only("coach", status=302), own, "post"),
    "methods:moment-create": Row(only("coach"), own),
    "methods:moment-edit": Row(only("coach"), moment),
    "methods:moment-delete": Row(only("coach", status=302), moment, "post"),
    "methods:worksheets": Row(READERS, own),
    "methods:worksheet-create": Row(only("coach"), own),
    # Every floor supervisor has the list; only the assigned one finds this worker in it.
    "methods:to-rate": Row(only("floor_supervisor", "other_floor_supervisor")),
    "methods:worksheet-rate": Row(
        only("coach", "floor_supervisor"),
        lambda c: [worksheet(c.trajectory, "competentiemeting").pk],
    ),
    "methods:worksheet": Row(READERS, sheet),
    "methods:worksheet-edit": Row(only("coach"), sheet),
    "methods:homework": Row(
        only("worker", "coach"), lambda c: [worksheet(c.trajectory, "praatplaat").pk]
    ),
    "methods:scan-score": Row(
        only("worker", "coach"),
        lambda c: [worksheet(c.trajectory, "zinvolheid-haalbaarheid").pk, "werknemer"],
    ),
    "methods:worksheet-delete": Row(only("coach", status=302), sheet, "post"),
    "methods:promote-summary": Row(
        only("coach", status=302), sheet, "post", {"section": "want", "text": "Koken"}
    ),
    "methods:promote-action": Row(only("coach"), sheet),
    "methods:promote-scan-action": Row(only("coach"), scan_row),
    "methods:promote-smart-action": Row(only("coach"), smart_row),
    "methods:action-develops": Row(
        only("coach"), lambda c: [c.pop.pk, ActionFactory(pop=c.pop).pk]
    ),
    "methods:pop-appendix": Row(only("worker", "coach", "admin"), lambda c: [c.pop.pk]),
    "methods:picture-add": Row(
        only("worker", "coach", status=302),
        lambda c: [worksheet(c.trajectory, "droompagina").pk],
        "post",
    ),
    "methods:picture": Row(READERS, pictures_sheet),
    "methods:agenda": Row(only("coach", "other_coach")),
    "methods:agenda-renew": Row(only("coach", "other_coach", status=302), method="post"),
    # Calendar programs fetch without a login: the private token is the key.
    "methods:agenda-feed": Row({}, feed_token, public=True),
    "methods:talk-invite": Row(only("worker", "coach"), invite_uid),
}
