"""For leaders: the team matrix from shared items only, and POP templates per function."""

from __future__ import annotations

from django.urls import reverse

from plans.models import Action, PopVersion, SummaryItem
from plans.portfolio.models import PopTemplate, PopTemplateItem, TeamMatrixItem
from popsite.accounts.models import Role
from tests.factories import SummaryItemFactory, TrajectoryFactory, member
from tests.plans.factories import agree


def shared(trajectory, label: str, kind: str = "learn", share: bool = True) -> TeamMatrixItem:
    return TeamMatrixItem.objects.create(
        trajectory=trajectory, label=label, kind=kind, shared_with_team=share
    )


def test_team_matrix_shows_only_what_workers_shared(cast, login):
    shared(cast.trajectory, "Schilderen")
    shared(cast.trajectory, "Omgaan met stress", kind="develop", share=False)
    colleague = TrajectoryFactory(
        organisation=cast.organisation,
        worker=member(cast.organisation, Role.WORKER, first_name="Jan", last_name="Collega"),
    )
    shared(colleague, "schilderen ")  # same column, other spelling
    shared(colleague, "Heftruck rijden", kind="develop")
    shared(cast.other_trajectory, "Geheim van elders")

    for leader in (cast.ambassador, cast.floor_supervisor):
        html = login(leader).get(reverse("plans:team-matrix")).content.decode()
        assert "Schilderen" in html and "Heftruck rijden" in html
        assert "Omgaan met stress" not in html and "Geheim van elders" not in html
        assert "Jan Collega" in html and "Sofie Van der Berghe" in html
        assert html.count('<th scope="col">') == 3  # worker + two columns


def test_worker_shares_points_of_the_agreed_plan_not_of_an_unready_draft(cast, login):
    SummaryItemFactory(pop=cast.pop, section="develop", text="Beter plannen")
    agree(cast.pop)
    draft = PopVersion.objects.create(trajectory=cast.trajectory, number=2, previous=cast.pop)
    SummaryItemFactory(pop=draft, section="develop", text="Nog in ontwerp")
    page = login(cast.worker).get(reverse("plans:my-team")).content.decode()
    assert "Beter plannen" in page and "Nog in ontwerp" not in page
    assert "teammatrix" not in page.split("<main", 1)[1]
    other = login(cast.other_worker).get(reverse("plans:my-team")).content.decode()
    assert "Beter plannen" not in other  # the page is always the worker's own


def test_worker_chooses_what_the_team_sees(cast, login):
    SummaryItemFactory(pop=cast.pop, section="develop", text="Beter plannen")
    client = login(cast.worker)
    page = client.get(reverse("plans:my-team")).content.decode()
    assert "Beter plannen" in page and 'class="plain"' in page
    client.post(reverse("plans:my-team"), {"label": "Schilderen", "kind": "learn"})
    item = TeamMatrixItem.objects.get()
    assert not item.shared_with_team  # nothing is shared without the worker's say
    assert (
        "Schilderen"
        not in login(cast.ambassador).get(reverse("plans:team-matrix")).content.decode()
    )

    login(cast.worker).post(reverse("plans:my-team-share", args=[item.pk]), {"shared": "1"})
    assert "Schilderen" in login(cast.ambassador).get(reverse("plans:team-matrix")).content.decode()
    login(cast.worker).post(reverse("plans:my-team-share", args=[item.pk]), {"shared": "0"})
    assert (
        "Schilderen"
        not in login(cast.ambassador).get(reverse("plans:team-matrix")).content.decode()
    )


def test_a_duplicate_or_empty_item_is_refused(cast, login):
    client = login(cast.worker)
    client.post(reverse("plans:my-team"), {"label": "Schilderen", "kind": "learn"})
    response = client.post(
        reverse("plans:my-team"), {"label": " schilderen", "kind": "learn"}, follow=True
    )
    assert "Dat punt staat er al." in response.content.decode()
    assert TeamMatrixItem.objects.count() == 1


def test_only_the_worker_shares_their_items(cast, login):
    item = shared(cast.trajectory, "Schilderen", share=False)
    for other in (cast.coach, cast.ambassador, cast.other_worker, cast.supervisor):
        url = reverse("plans:my-team-share", args=[item.pk])
        assert login(other).post(url, {"shared": "1"}).status_code == 404
    item.refresh_from_db()
    assert not item.shared_with_team


def test_ambassador_defines_a_template_and_the_coach_picks_from_it(cast, login):
    client = login(cast.ambassador)
    response = client.post(
        reverse("plans:templates"),
        {
            "organisation": cast.organisation.pk,
            "function_name": "Keukenhulp",
            "title": "Start keuken",
        },
    )
    template = PopTemplate.objects.get()
    assert response["Location"] == reverse("plans:template", args=[template.pk])
    for kind, text, competence in [
        ("develop", "Hygiënisch werken", "technical"),
        ("action", "HACCP-opleiding volgen", "technical"),
        ("action", "Hulp vragen bij drukte", "generic"),
    ]:
        client.post(
            reverse("plans:template", args=[template.pk]),
            {"kind": kind, "text": text, "competence": competence},
        )
    assert template.items.count() == 3

    coach = login(cast.coach)
    page = coach.get(reverse("plans:pop-from-template", args=[cast.pop.pk])).content.decode()
    assert "HACCP-opleiding volgen" in page
    picked = PopTemplateItem.objects.exclude(text="Hulp vragen bij drukte")
    response = coach.post(
        reverse("plans:pop-from-template", args=[cast.pop.pk]),
        {"items": [str(i.pk) for i in picked], "lock_version": cast.pop.lock_version},
    )
    assert response.status_code == 302
    assert list(Action.objects.filter(pop=cast.pop).values_list("description", flat=True)) == [
        "HACCP-opleiding volgen"
    ]
    assert SummaryItem.objects.get(pop=cast.pop).text == "Hygiënisch werken"
    assert cast.pop.missing_for_agreement()  # still to be made SMART: nothing forced


def test_templates_of_another_organisation_cannot_be_used_or_edited(cast, login):
    elsewhere = PopTemplate.objects.create(
        organisation=cast.other_organisation, function_name="X", title="Elders"
    )
    item = PopTemplateItem.objects.create(
        template=elsewhere, kind="action", text="Van elders", competence="generic"
    )
    response = login(cast.coach).post(
        reverse("plans:pop-from-template", args=[cast.pop.pk]), {"items": [str(item.pk)]}
    )
    assert "Kies minstens één voorstel." in response.content.decode()
    assert not Action.objects.filter(pop=cast.pop).exists()
    assert (
        login(cast.ambassador).get(reverse("plans:template", args=[elsewhere.pk])).status_code
        == 404
    )


def test_a_template_cannot_change_an_agreed_pop(cast, login):
    template = PopTemplate.objects.create(
        organisation=cast.organisation, function_name="X", title="T"
    )
    item = PopTemplateItem.objects.create(
        template=template, kind="action", text="Nieuw", competence="generic"
    )
    agree(cast.pop)
    login(cast.coach).post(
        reverse("plans:pop-from-template", args=[cast.pop.pk]), {"items": [str(item.pk)]}
    )
    assert not Action.objects.filter(pop=cast.pop, description="Nieuw").exists()


def test_the_leader_adds_team_and_organisation_needs_and_sees_who_matches(cast, login):
    """Seed 003: the matrix shows the learning needs of worker, team and organisation."""
    from plans.portfolio.models import TeamNeed

    shared(cast.trajectory, "Heftruck rijden")
    shared(cast.trajectory, "Plannen", share=False)  # not shared: never a match
    client = login(cast.floor_supervisor)
    url = reverse("plans:team-matrix")
    data = {"organisation": cast.organisation.pk, "label": "heftruck", "scope": "team"}
    assert client.post(url, data).status_code == 302
    data = {"organisation": cast.organisation.pk, "label": "Plannen", "scope": "organisation"}
    assert client.post(url, data).status_code == 302
    response = client.post(url, data, follow=True)
    assert "Die behoefte staat er al." in response.content.decode()
    # An organisation the leader does not lead is not a choice.
    data = {"organisation": cast.other_organisation.pk, "label": "Koken", "scope": "team"}
    assert client.post(url, data).status_code == 200
    assert TeamNeed.objects.count() == 2
    html = client.get(url).content.decode()
    assert "voor het team" in html and "gedeeld door Sofie Van der Berghe" in html
    assert "nog geen werknemer deelde dit" in html  # "Plannen" was not shared
