"""Methods pages keep the same number of queries whatever the amount of data."""

from __future__ import annotations

from django.urls import reverse

from methods.models import CompetenceRating, QualityPick, SkillPlacement
from methods.services import (
    ActionInput,
    trajectory_plan_variant,
    worksheet_promote_action,
    worksheet_promote_summary,
)
from tests.factories import ContactMomentFactory
from tests.methods.factories import (
    MethodFactory,
    PlannedMomentFactory,
    ScanActionFactory,
    picture,
    shipped,
    worksheet,
)
from tests.plans.test_queries import count_queries


def same_at_two_sizes(client, url, add) -> tuple[int, int]:
    add(3)
    small = count_queries(client, url)
    add(20)
    return small, count_queries(client, url)


def test_catalogue_queries_do_not_grow_with_methods(cast, login):
    def add(n):
        for _ in range(n):
            MethodFactory(organisation=cast.organisation)

    small, large = same_at_two_sizes(login(cast.coach), reverse("methods:catalogue"), add)
    assert small == large


def test_worksheet_list_queries_do_not_grow(cast, login):
    def add(n):
        for _ in range(n):
            worksheet(cast.trajectory)

    url = reverse("methods:worksheets", args=[cast.trajectory.pk])
    small, large = same_at_two_sizes(login(cast.coach), url, add)
    assert small == large


def test_plan_page_queries_do_not_grow(cast, login):
    methods = [shipped("hand"), shipped("smart")]

    def add(n):
        for _ in range(n):
            moment = PlannedMomentFactory(trajectory=cast.trajectory)
            moment.methods.set(methods)
            # A held talk ticks off a planned one by itself (methods.receivers).
            ContactMomentFactory(trajectory=cast.trajectory)

    trajectory_plan_variant(trajectory=cast.trajectory, variant="basis")
    url = reverse("methods:plan", args=[cast.trajectory.pk])
    small, large = same_at_two_sizes(login(cast.coach), url, add)
    assert small == large


def test_scan_worksheet_queries_do_not_grow_with_rows(cast, login):
    sheet = worksheet(cast.trajectory, "zinvolheid-haalbaarheid")

    def add(n):
        for _ in range(n):
            row = ScanActionFactory(
                worksheet=sheet,
                worker_meaning=10,
                worker_feasibility=5,
                worker_agrees=True,
                coach_agrees=True,
            )
            worksheet_promote_action(
                worksheet=sheet,
                action=ActionInput(description=row.description, competence="generic"),
                scan_action=row,
            )

    url = reverse("methods:worksheet", args=[sheet.pk])
    small, large = same_at_two_sizes(login(cast.coach), url, add)
    assert small == large
    edit = reverse("methods:worksheet-edit", args=[sheet.pk])
    assert count_queries(login(cast.coach), edit) < 20
    for side in ("werknemer", "coach"):
        scores = reverse("methods:scan-score", args=[sheet.pk, side])
        small, large = same_at_two_sizes(login(cast.coach), scores, add)
        assert small == large


def test_other_worksheet_pages_do_not_grow(cast, login):
    client = login(cast.coach)
    skills = worksheet(cast.trajectory, "vaardighedenspel")
    qualities = worksheet(cast.trajectory, "kwaliteitenspel")
    competences = worksheet(cast.trajectory, "competentiemeting")
    pictures = worksheet(cast.trajectory, "droompagina")
    cards = list(qualities.deck.cards.all())

    def add(n):
        start = SkillPlacement.objects.count()
        for i in range(n):
            SkillPlacement.objects.create(worksheet=skills, skill=f"s{start + i}", cell=i % 15 + 1)
            picture(pictures)
        QualityPick.objects.filter(worksheet=qualities).delete()
        for rank, card in enumerate(cards[: min(8, n)], 1):
            QualityPick.objects.create(
                worksheet=qualities, kind="quality", rank=rank, card=card, text=card.text
            )
        CompetenceRating.objects.filter(worksheet=competences).update(self_now=3, coach=1, floor=2)

    for sheet in (skills, qualities, competences, pictures):
        url = reverse("methods:worksheet", args=[sheet.pk])
        small, large = same_at_two_sizes(client, url, add)
        assert small == large, sheet.method.code
        edit = reverse("methods:worksheet-edit", args=[sheet.pk])
        small, large = same_at_two_sizes(client, edit, add)
        assert small == large, sheet.method.code


def test_pop_page_with_sources_does_not_grow(cast, login):
    sheet = worksheet(cast.trajectory)

    def add(n):
        for i in range(n):
            worksheet_promote_summary(worksheet=sheet, section="want", text=f"punt {i}")
            worksheet_promote_action(
                worksheet=sheet, action=ActionInput(description=f"actie {i}", competence="generic")
            )

    url = reverse("plans:pop", args=[cast.pop.pk])
    small, large = same_at_two_sizes(login(cast.coach), url, add)
    assert small == large


def test_dictionary_decks_and_rating_lists_do_not_grow(cast, login):
    from methods.models import CardDeck, CompetenceDefinition, FunctionProfile

    def add(n):
        for i in range(n):
            competence = CompetenceDefinition.objects.create(
                organisation=cast.organisation, name=f"c{i}", kind="generic", indicators="a\nb"
            )
            FunctionProfile.objects.create(
                organisation=cast.organisation, name=f"p{i}"
            ).competences.add(competence)
            deck = CardDeck.objects.create(organisation=cast.organisation, name=f"d{i}")
            deck.cards.create(kind="quality", text="x")
            worksheet(cast.trajectory, "competentiemeting")

    for user, url in (
        (cast.trainer, reverse("methods:competences")),
        (cast.trainer, reverse("methods:decks")),
        (cast.floor_supervisor, reverse("methods:to-rate")),
    ):
        small, large = same_at_two_sizes(login(user), url, add)
        assert small == large, url
    sheet = worksheet(cast.trajectory, "competentiemeting")

    def add_ratings(n):
        for _ in range(n):
            competence = CompetenceDefinition.objects.create(
                organisation=cast.organisation, name=f"r{sheet.ratings.count()}", kind="generic"
            )
            sheet.ratings.create(competence=competence)

    for user, name in (
        (cast.floor_supervisor, "methods:worksheet-rate"),
        (cast.coach, "methods:worksheet-edit"),
    ):
        url = reverse(name, args=[sheet.pk])
        small, large = same_at_two_sizes(login(user), url, add_ratings)
        assert small == large, name


# Every content table a worksheet can have rows in; a sheet holds rows of its own kind only.
CONTENT_TABLES = {
    "methods_qualitypick": "qualities",
    "methods_skillplacement": "skills",
    "methods_competencerating": "competences",
    "methods_competencepicture": "four_in_row",
    "methods_scanaction": "scan",
    "methods_smartaction": "smart",
}


def test_a_worksheet_page_reads_only_the_rows_of_its_own_kind(cast, login):
    """A HAND sheet used to read all seven content tables (14 queries); now 7."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from methods.models import PICTURE_KINDS, WorksheetKind
    from tests.methods.factories import kind_worksheet

    client = login(cast.coach)
    for kind in WorksheetKind.values:
        sheet = kind_worksheet(cast.trajectory, kind)
        url = reverse("methods:worksheet", args=[sheet.pk])
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        read = " ".join(q["sql"] for q in queries)
        for table, its_kind in CONTENT_TABLES.items():
            assert (f'FROM "{table}"' in read) == (kind == its_kind), (kind, table)
        assert ('FROM "methods_worksheetpicture"' in read) == (kind in PICTURE_KINDS), kind
        if kind == WorksheetKind.HAND:
            # Session, user, the sheet (method, talk, trajectory, worker, organisation),
            # coaches, roles, what went into the POP, the view's audit row.
            assert len(queries) == 7
