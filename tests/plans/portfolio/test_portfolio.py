"""The portfolio: versions with reflection, comparison, growth, evidence and periods."""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from plans.models import Action, ActionEvaluation, PopReflection, PopVersion
from plans.portfolio import portfolio
from plans.portfolio.growth import trajectory_growth
from plans.portfolio.models import Evidence, SupervisionPeriod
from plans.portfolio.portfolio import ActionRow, compare_actions
from popsite.accounts.models import AuditEvent
from tests.factories import ActionFactory, GoalFactory, PopVersionFactory
from tests.plans.factories import JPEG, PDF, PNG, agree, competence_measurement, evidence

# Version comparison -------------------------------------------------------------


def test_compare_sorts_actions_into_added_dropped_carried_and_completed():
    older = [
        ActionRow(1, "Vragen stellen aan de ploegbaas", progress=5),
        ActionRow(2, "Machine leren instellen", progress=3),
        ActionRow(3, "Cursus hygiëne volgen", progress=1),
        ActionRow(4, "Op tijd komen", progress=2),
    ]
    newer = [
        ActionRow(10, "Machine zelf instellen", carried_from_id=2),
        ActionRow(11, "  op TIJD komen "),  # a revision copies the wording
        ActionRow(12, "Een collega inwerken"),
    ]
    result = compare_actions(older, newer)
    assert [a.pk for a in result.completed] == [1]
    assert [(o.pk, n.pk) for o, n in result.carried_over] == [(2, 10), (4, 11)]
    assert [a.pk for a in result.dropped] == [3]
    assert [a.pk for a in result.added] == [12]


def test_compare_takes_the_evaluation_score_over_the_progress():
    older = [ActionRow(1, "A", progress=2), ActionRow(2, "B", progress=5)]
    result = compare_actions(older, [], scores={1: 5, 2: 3})
    assert [a.pk for a in result.completed] == [1]
    assert [a.pk for a in result.dropped] == [2]


def test_compare_of_identical_versions_carries_everything_over():
    rows = [ActionRow(1, "A"), ActionRow(2, "B")]
    copy = [ActionRow(3, "A"), ActionRow(4, "B")]
    result = compare_actions(rows, copy)
    assert len(result.carried_over) == 2 and not (result.added or result.dropped)


def follow_up(cast) -> PopVersion:
    done = ActionFactory(pop=cast.pop, description="Attest heftruck halen", progress=5)
    carried = ActionFactory(pop=cast.pop, description="Werkinstructies lezen", progress=2)
    ActionFactory(pop=cast.pop, description="Lassen oefenen", progress=0, competence="technical")
    agree(cast.pop)
    new = PopVersion.objects.create(
        trajectory=cast.trajectory, number=2, previous=cast.pop, is_follow_up=True
    )
    ActionFactory(pop=new, description="Werkinstructies zelf uitleggen", carried_from=carried)
    ActionFactory(pop=new, description="Nieuwe collega begeleiden")
    assert done
    return new


def test_compare_page_shows_the_four_groups(cast, login):
    follow_up(cast)
    page = login(cast.coach).get(
        reverse("plans:compare", args=[cast.trajectory.pk]), {"a": 1, "b": 2}
    )
    html = page.content.decode()

    def section(name: str) -> str:
        start = html.index(f'id="{name}"')
        return html[start : html.index("</section>", start)]

    assert "Attest heftruck halen" in section("completed")
    assert "Werkinstructies zelf uitleggen" in section("carried")
    assert "Nieuwe collega begeleiden" in section("added")
    assert "Lassen oefenen" in section("dropped")


def test_pop_version_compare_reads_the_database(cast):
    new = follow_up(cast)
    result = portfolio.pop_version_compare(older=new, newer=cast.pop)  # order does not matter
    assert [a.description for a in result.added] == ["Nieuwe collega begeleiden"]


# Portfolio page and reflection ------------------------------------------------


def test_portfolio_lists_every_version_in_order_with_the_reflection(cast, login):
    GoalFactory(pop=cast.pop, goal="Zelfstandig werken")
    new = follow_up(cast)
    PopReflection.objects.create(
        pop=new, goals_reached="Het attest is binnen.", guidance_helped="Veel geoefend."
    )
    # Marked ready: before that the draft is not in the worker's portfolio (test_worker_pages).
    new.ready_at = new.created_at
    new.save(update_fields=["ready_at"])
    html = login(cast.worker).get(reverse("plans:portfolio", args=[cast.trajectory.pk])).content
    html = html.decode()
    assert html.index('id="versie-1"') < html.index('id="versie-2"')
    v1 = html[html.index('id="versie-1"') : html.index('id="versie-2"')]
    assert "Zelfstandig werken" in v1 and "terugblik" not in v1.lower()
    assert "Het attest is binnen." in html and "Deel 1" in html
    assert 'class="plain"' in html


def test_coach_writes_the_reflection_of_a_later_version(cast, login):
    new = follow_up(cast)
    client = login(cast.coach)
    url = reverse("plans:reflection", args=[new.pk])
    response = client.post(
        url,
        {
            "goals_reached": "Twee van de drie doelen.",
            "guidance_helped": "De wekelijkse gesprekken.",
            "roles": "Ik vroeg meer zelf.",
            "lock_version": new.lock_version,
        },
    )
    assert response.status_code == 302
    assert new.reflection.goals_reached == "Twee van de drie doelen."
    assert (
        "Twee van de drie doelen."
        in client.get(reverse("plans:pop", args=[new.pk])).content.decode()
    )
    assert client.get(reverse("plans:reflection", args=[cast.pop.pk])).status_code == 404
    assert login(cast.other_coach).get(url).status_code == 404


def test_reflection_on_an_agreed_version_is_refused(cast, login):
    new = follow_up(cast)
    agree(new)
    response = login(cast.coach).post(
        reverse("plans:reflection", args=[new.pk]),
        {"goals_reached": "x", "guidance_helped": "", "roles": ""},
        follow=True,
    )
    assert "afgesproken en kan niet meer veranderen" in response.content.decode()
    assert not PopReflection.objects.filter(pop=new).exists()


# Growth -----------------------------------------------------------------------


def test_growth_chart_draws_ratings_and_actions_as_inline_svg(cast, login):
    follow_up(cast)
    competence_measurement(cast.trajectory, {"Samenwerken": (2, 1), "Doorzetten": (3, 3)}, 60)
    competence_measurement(cast.trajectory, {"Samenwerken": (4, 3), "Doorzetten": (3, 4)}, 1)
    response = login(cast.supervisor).get(reverse("plans:growth", args=[cast.trajectory.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('<polyline class="line-self"') == 2
    assert html.count('<polyline class="line-coach"') == 2
    assert "Samenwerken" in html and "Doorzetten" in html
    assert html.count('class="bar-done"') == 2  # one per version
    assert "style=" not in html and "<script>" not in html


def test_growth_chart_shows_all_three_raters_and_no_dot_hides_another(cast, login):
    competence_measurement(cast.trajectory, {"Samenwerken": (3, 3, 3), "Doorzetten": (None,)}, 30)
    competence_measurement(cast.trajectory, {"Samenwerken": (2, 4, None)}, 1)
    charts = trajectory_growth(cast.trajectory)["charts"]
    assert [chart.name for chart in charts] == ["Samenwerken"]  # nobody rated Doorzetten
    own, coach, floor = charts[0].lines
    assert [line.css for line in charts[0].lines] == ["line-self", "line-coach", "line-floor"]
    assert [p.value for p in own.points] == [3, 2] and [p.value for p in floor.points] == [3]
    same_day = {(line.points[0].x, line.points[0].y) for line in charts[0].lines}
    assert len(same_day) == 3  # three equal scores, drawn side by side
    assert own.points[1].x == coach.points[1].x  # different scores stay on the date
    html = login(cast.supervisor).get(reverse("plans:growth", args=[cast.trajectory.pk]))
    html = html.content.decode()
    assert html.count('<circle class="line-floor"') == 1
    assert ", werkvloerbegeleider: 3</title>" in html  # each dot says whose score it is
    # The scores as text too, for whoever cannot see the dots.
    assert charts[0].rows == [(charts[0].dates[0], (3, 3, 3)), (charts[0].dates[1], (2, 4, None))]
    assert f"<td>{charts[0].dates[1]}</td><td>2</td><td>4</td><td>–</td>" in html
    assert "werkvloerbegeleider" in html


def test_growth_counts_an_action_the_follow_up_evaluated_as_done(cast, login):
    new = follow_up(cast)
    carried = cast.pop.actions.get(description="Werkinstructies lezen")
    ActionEvaluation.objects.create(pop=new, action=carried, score=5)
    ActionEvaluation.objects.create(
        pop=new, action=cast.pop.actions.get(description="Lassen oefenen"), score=3
    )
    bars = trajectory_growth(cast.trajectory)["bars"]
    assert [(group.done, group.total) for group in bars] == [(2, 3), (0, 2)]
    html = login(cast.supervisor).get(reverse("plans:growth", args=[cast.trajectory.pk]))
    assert "<td>v1</td><td>2</td><td>3</td>" in html.content.decode()


def test_growth_without_measurements_says_so(cast, login):
    html = login(cast.coach).get(reverse("plans:growth", args=[cast.trajectory.pk])).content
    assert "nog geen competentiemeting" in html.decode()
    html = login(cast.worker).get(reverse("plans:growth", args=[cast.trajectory.pk])).content
    assert "nog geen scores gekregen" in html.decode()


# Evidence -------------------------------------------------------------------------


def upload(client, cast, action, data: bytes, name: str, note: str = ""):
    return client.post(
        reverse("plans:evidence-create", args=[cast.pop.pk, action.pk]),
        {"file": SimpleUploadedFile(name, data, content_type="application/pdf"), "note": note},
    )


def test_worker_adds_a_certificate_and_a_photo_as_evidence(cast, login):
    action = ActionFactory(pop=cast.pop)
    client = login(cast.worker)
    assert upload(client, cast, action, PDF, "attest.pdf").status_code == 302
    assert upload(client, cast, action, PNG, "foto.png").status_code == 302
    assert upload(client, cast, action, JPEG, "foto.jpg").status_code == 302
    types = list(action.evidence.values_list("content_type", flat=True))
    assert types == ["application/pdf", "image/png", "image/jpeg"]


def test_the_portfolio_shows_each_actions_own_evidence(cast, login):
    with_evidence = ActionFactory(pop=cast.pop, description="Heftruckattest halen")
    ActionFactory(pop=cast.pop, description="Op tijd komen")
    attest = evidence(with_evidence, name="attest-heftruck.pdf", note="Geslaagd")
    page = login(cast.coach).get(reverse("plans:portfolio", args=[cast.trajectory.pk]))
    cards = page.content.decode().split('<li class="card mb-2">')[1:]
    assert [("Heftruckattest halen" in c, "Op tijd komen" in c) for c in cards] == [
        (True, False),
        (False, True),
    ]
    assert "attest-heftruck.pdf" in cards[0] and "Geslaagd" in cards[0]
    assert reverse("plans:evidence-file", args=[attest.pk]) in cards[0]
    assert "attest-heftruck.pdf" not in cards[1]


def test_the_versions_goals_and_actions_in_plain_sql_read_as_the_orm_reads_them(cast):
    """portfolio_versions reads goals and actions in plain SQL: each field as the ORM
    reads it (a day, an aware moment, who marked it), in the same order, per version."""
    later = PopVersionFactory(trajectory=cast.trajectory, number=2, previous=cast.pop)
    goal = GoalFactory(pop=cast.pop, goal="Heftruck rijden")
    GoalFactory(pop=later, goal="Zelf plannen")
    ActionFactory(pop=cast.pop, goal=goal, deadline=datetime.date(2026, 5, 1))
    marked = ActionFactory(pop=later, progress=3, progress_changed_by=cast.worker)
    marked.progress_changed_at = timezone.now()
    marked.save()
    evidence(ActionFactory(pop=later, carried_from=marked), name="attest.pdf")
    versions = portfolio.portfolio_versions(cast.trajectory, for_worker=False)
    assert [v.pk for v in versions] == [cast.pop.pk, later.pk]
    for version in versions:
        assert [g.__dict__ | {"_state": None} for g in version.goals.all()] == [
            g.__dict__ | {"_state": None} for g in version.goals.get_queryset().order_by("pk")
        ]
        fields = [f.attname for f in Action._meta.concrete_fields]
        shown = [
            ([getattr(a, name) for name in fields], a.has_evidence) for a in version.actions.all()
        ]
        read = [
            ([getattr(a, name) for name in fields], a.evidence.exists())
            for a in Action.objects.filter(pop=version).order_by("pk")
        ]
        assert shown == read
    assert versions[1].actions.all()[0].progress_changed_at.tzinfo is not None


def test_a_note_alone_is_evidence_too(cast, login):
    action = ActionFactory(pop=cast.pop)
    login(cast.coach).post(
        reverse("plans:evidence-create", args=[cast.pop.pk, action.pk]),
        {"note": "Zelf gezien: de machine correct ingesteld."},
    )
    assert action.evidence.get().note.startswith("Zelf gezien")


def test_evidence_is_checked_by_its_bytes_not_its_name(cast, login):
    action = ActionFactory(pop=cast.pop)
    response = upload(login(cast.worker), cast, action, b"<html><script>", "attest.pdf")
    assert response.status_code == 200
    assert "kies een PDF, een JPEG- of een PNG-bestand" in response.content.decode()
    assert not Evidence.objects.exists()


def test_evidence_over_ten_megabytes_is_refused(cast, login, settings):
    action = ActionFactory(pop=cast.pop)
    big = PDF + b"0" * (10 * 1024 * 1024)
    response = upload(login(cast.worker), cast, action, big, "groot.pdf")
    assert "groter dan 10 MB" in response.content.decode()
    assert not Evidence.objects.exists()


def test_empty_evidence_is_refused(cast, login):
    action = ActionFactory(pop=cast.pop)
    response = login(cast.worker).post(
        reverse("plans:evidence-create", args=[cast.pop.pk, action.pk]), {"note": "  "}
    )
    assert "Voeg een bestand of een toelichting toe." in response.content.decode()


def test_evidence_is_served_only_to_portfolio_readers_and_logged(cast, login):
    item = evidence(ActionFactory(pop=cast.pop))
    url = reverse("plans:evidence-file", args=[item.pk])
    response = login(cast.supervisor).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF
    assert AuditEvent.objects.filter(
        user=cast.supervisor, object_type="plans.evidence", subject=cast.worker
    ).exists()
    for outsider in (
        cast.other_worker,
        cast.other_coach,
        cast.revoked_supervisor,
        cast.expired_supervisor,
        cast.floor_supervisor,
    ):
        assert login(outsider).get(url).status_code == 404


def test_outsiders_cannot_add_evidence(cast, login):
    action = ActionFactory(pop=cast.pop)
    for outsider in (cast.other_worker, cast.other_coach, cast.supervisor, cast.trainer):
        assert upload(login(outsider), cast, action, PDF, "a.pdf").status_code == 404
    assert not Action.objects.get(pk=action.pk).evidence.exists()


# Supervision periods ------------------------------------------------------------


def test_coach_organises_periods_each_closed_by_a_new_version(cast, login):
    client = login(cast.coach)
    url = reverse("plans:period-create", args=[cast.trajectory.pk])
    assert client.post(url, {"starts_on": "2026-01-05", "sessions": 10}).status_code == 302
    response = client.post(url, {"starts_on": "2026-04-05", "sessions": 10}, follow=True)
    assert "Sluit eerst de lopende periode af" in response.content.decode()
    assert SupervisionPeriod.objects.count() == 1

    ActionFactory(pop=cast.pop)
    agree(cast.pop)
    period = SupervisionPeriod.objects.get()
    response = client.post(reverse("plans:period-close", args=[cast.trajectory.pk, period.pk]))
    period.refresh_from_db()
    assert period.closing_pop.number == 2 and period.closing_pop.previous == cast.pop
    assert response["Location"] == reverse("plans:pop", args=[period.closing_pop.pk])
    assert client.post(url, {"starts_on": "2026-04-05", "sessions": 10}).status_code == 302
    assert SupervisionPeriod.objects.count() == 2


def test_closing_a_period_needs_an_agreed_version(cast, login):
    period = SupervisionPeriod.objects.create(
        trajectory=cast.trajectory, number=1, starts_on="2026-01-05"
    )
    response = login(cast.coach).post(
        reverse("plans:period-close", args=[cast.trajectory.pk, period.pk]), follow=True
    )
    assert "nog niet is afgesproken" in response.content.decode()
    period.refresh_from_db()
    assert period.closing_pop is None and cast.trajectory.pop_versions.count() == 1


def test_the_pdf_of_a_later_version_opens_with_the_reflection(cast):
    from plans.pdf import render_pop_pdf
    from plans.selectors import pop_with_content

    new = follow_up(cast)
    PopReflection.objects.create(pop=new, goals_reached="Het attest is binnen.")
    import io

    from pypdf import PdfReader

    pdf = render_pop_pdf(pop_with_content(PopVersion.objects).get(pk=new.pk))
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert text.index("Terugblik op de vorige periode") < text.index("Evaluatie van de acties")
    assert "Het attest is binnen." in text


def test_deleting_an_action_also_deletes_its_evidence_files(
    cast, login, django_capture_on_commit_callbacks
):
    from django.core.files.storage import default_storage
    from django.core.files.uploadedfile import SimpleUploadedFile

    from plans.portfolio.portfolio import evidence_add
    from tests.factories import ActionFactory

    action = ActionFactory(pop=cast.pop)
    upload = SimpleUploadedFile("attest.pdf", b"%PDF-1.4 attest", content_type="application/pdf")
    evidence = evidence_add(action=action, by=cast.worker, upload=upload)
    stored = evidence.file.name
    assert default_storage.exists(stored)
    url = reverse("plans:part-delete", args=[cast.pop.pk, "action", action.pk])
    with django_capture_on_commit_callbacks(execute=True):
        login(cast.coach).post(url)
    assert not default_storage.exists(stored)
