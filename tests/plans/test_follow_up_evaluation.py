"""The follow-up POP's evaluation in the draaiboek's words (§4.3, lines 1535-1556):
one wording of the 0-5 scale, a reason for an action not done, and the previous
POP's overall goal evaluated beside its actions."""

from __future__ import annotations

from django.urls import reverse

from plans import services
from plans.models import PROGRESS_SCALE
from popsite.printing import render_html
from tests.factories import agreeable_pop, confirm

SCALE = "0 = niets gebeurd, 1 = net gestart met de actie … 5 = actie helemaal afgewerkt"


def follow_up_of(cast, overall_goal: str = ""):
    cast.pop.overall_goal = overall_goal
    cast.pop.save()
    agreeable_pop(cast.pop)
    confirm(cast.pop, cast.worker)
    confirm(cast.pop, cast.coach)
    return services.pop_start_follow_up(trajectory=cast.trajectory, by=cast.coach)


def evaluation_data(follow_up, scores, remarks=None, **extra) -> dict:
    data = {"form-TOTAL_FORMS": str(len(scores)), "form-INITIAL_FORMS": str(len(scores))}
    for i, (evaluation, score) in enumerate(zip(follow_up.evaluations.all(), scores, strict=True)):
        data[f"form-{i}-id"] = evaluation.pk
        data[f"form-{i}-score"] = score
        data[f"form-{i}-remark"] = (remarks or [""] * len(scores))[i]
    data["lock_version"] = follow_up.lock_version
    return {**data, **extra}


def test_one_wording_of_the_scale_on_every_page_and_print(cast, login):
    assert str(PROGRESS_SCALE) == SCALE
    follow_up = follow_up_of(cast)
    coach = login(cast.coach)
    for url in (
        reverse("plans:evaluations", args=[follow_up.pk]),
        reverse("plans:pop", args=[follow_up.pk]),
    ):
        page = coach.get(url).content.decode()
        assert SCALE in page, url
        assert "helemaal klaar" not in page and "helemaal uitgevoerd" not in page
    assert SCALE in login(cast.worker).get(reverse("plans:worker-home")).content.decode()
    html = render_html("plans/pop_pdf.html", {"pop": follow_up, "trajectory": cast.trajectory})
    assert SCALE in html


def test_an_action_not_done_needs_a_reason_before_agreement(cast, login):
    follow_up = follow_up_of(cast)
    client = login(cast.coach)
    url = reverse("plans:evaluations", args=[follow_up.pk])
    n = follow_up.evaluations.count()
    before = list(follow_up.evaluations.values_list("score", flat=True))
    response = client.post(url, evaluation_data(follow_up, ["3"] + ["5"] * (n - 1)))
    assert response.status_code == 200
    assert "Deze actie is niet helemaal af: schrijf kort waarom." in response.content.decode()
    assert list(follow_up.evaluations.values_list("score", flat=True)) == before
    # Written through the service without a reason, the version is not agreeable.
    evaluations = list(follow_up.evaluations.all())
    for e in evaluations:
        e.score = 2
    services.pop_save_evaluations(pop=follow_up, evaluations=evaluations)
    follow_up.refresh_from_db()
    assert (
        "Bij een actie die niet af is, staat nog niet waarom." in follow_up.missing_for_agreement()
    )


def test_the_previous_overall_goal_is_evaluated_too(cast, login):
    follow_up = follow_up_of(cast, overall_goal="Doorgroeien naar hulpkok")
    client = login(cast.coach)
    url = reverse("plans:evaluations", args=[follow_up.pk])
    page = client.get(url).content.decode()
    assert "Doorgroeien naar hulpkok" in page and "previous_goal_review" in page
    assert "Het algemeen doel van de vorige POP is nog niet geëvalueerd." in (
        follow_up.missing_for_agreement()
    )
    n = follow_up.evaluations.count()
    data = evaluation_data(
        follow_up, ["5"] * n, previous_goal_review="Halfweg: ik sta al twee dagen in de keuken"
    )
    assert client.post(url, data).status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.previous_goal_review.startswith("Halfweg")
    page = client.get(reverse("plans:pop", args=[follow_up.pk])).content.decode()
    assert "Doorgroeien naar hulpkok" in page and "Halfweg: ik sta al twee dagen" in page
    assert not any("algemeen doel" in m for m in follow_up.missing_for_agreement())


def test_without_a_previous_overall_goal_nothing_extra_is_asked(cast, login):
    follow_up = follow_up_of(cast)
    page = login(cast.coach).get(reverse("plans:evaluations", args=[follow_up.pk])).content
    assert b"previous_goal_review" not in page


def test_a_final_reflection_only_version_is_agreed_without_generic_and_technical_actions(
    cast, login
):
    """Seed 000: after the last supervision period only the reflection part is filled in."""
    follow_up = follow_up_of(cast)
    evaluations = list(follow_up.evaluations.all())
    for e in evaluations:
        e.score, e.carry_over = 5, False
    services.pop_save_evaluations(pop=follow_up, evaluations=evaluations)
    follow_up.refresh_from_db()
    assert not follow_up.actions.exists()
    assert any("generieke competentie" in m for m in follow_up.missing_for_agreement())
    client = login(cast.coach)
    url = reverse("plans:reflection", args=[follow_up.pk])
    data = {"lock_version": follow_up.lock_version, "final": "on"}
    client.post(url, data)
    follow_up.refresh_from_db()
    # Final, but empty: the look back itself is what this version holds.
    assert follow_up.missing_for_agreement() == [
        "De terugblik van deze laatste versie is nog leeg."
    ]
    data = {
        "lock_version": follow_up.lock_version,
        "final": "on",
        "goals_reached": "Alle doelen gehaald",
        "guidance_helped": "Wekelijks overleg",
        "roles": "Ik nam het initiatief",
    }
    assert client.post(url, data).status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.missing_for_agreement() == []
    page = client.get(reverse("plans:pop", args=[follow_up.pk])).content.decode()
    assert "laatste versie: alleen de terugblik" in page
    confirm(follow_up, cast.coach)  # the coach first: that also shows it to the worker
    agreed = confirm(follow_up, cast.worker)
    assert agreed.agreed_at is not None


def test_a_version_that_is_not_final_keeps_the_generic_and_technical_rule(cast, login):
    follow_up = follow_up_of(cast)
    client = login(cast.coach)
    url = reverse("plans:reflection", args=[follow_up.pk])
    data = {"lock_version": follow_up.lock_version, "goals_reached": "Veel geleerd"}
    assert client.post(url, data).status_code == 302
    follow_up.refresh_from_db()
    evaluations = list(follow_up.evaluations.all())
    for e in evaluations:
        e.score, e.carry_over = 5, False
    services.pop_save_evaluations(pop=follow_up, evaluations=evaluations)
    follow_up.refresh_from_db()
    assert any("technische competentie" in m for m in follow_up.missing_for_agreement())
