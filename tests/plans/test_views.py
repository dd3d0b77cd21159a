"""The POP pages through the real stack: what each role sees, and bad input."""

import datetime
import re

from django.urls import reverse
from django.utils import timezone

from plans import services
from plans.models import Action, ContactMoment, Phase, SummaryItem, Trajectory
from popsite.accounts.models import Role
from tests.factories import ActionFactory, agreeable_pop, confirm, member

TODAY = timezone.localdate()


def action_data(**overrides):
    data = {
        "description": "Elke dag een vraag stellen",
        "helper": "Luc",
        "deadline": (TODAY + datetime.timedelta(days=14)).isoformat(),
        "expected_result": "Luc ziet vijf vragen per week",
        "competence": "generic",
    }
    data.update(overrides)
    return data


def post_action(client, cast, **overrides):
    return client.post(reverse("plans:action-create", args=[cast.pop.pk]), action_data(**overrides))


def test_coach_creates_a_trajectory_for_a_worker_of_their_organisation(cast, login):
    newcomer = member(cast.organisation, Role.WORKER, first_name="Emma", last_name="de Vos")
    membership = newcomer.memberships.get()
    response = login(cast.coach).post(
        reverse("plans:trajectory-create"),
        {"worker": membership.pk, "reflection_level": "low", "intensity": "low", "variant": ""},
    )
    trajectory = Trajectory.objects.get(worker=newcomer)
    assert response.url == reverse("plans:trajectory", args=[trajectory.pk])
    assert trajectory.variant == "v1" and trajectory.pop_versions.count() == 1


def test_coach_cannot_create_a_trajectory_for_another_organisations_worker(cast, login):
    membership = cast.other_worker.memberships.get()
    response = login(cast.coach).post(
        reverse("plans:trajectory-create"),
        {"worker": membership.pk, "reflection_level": "low", "intensity": "low"},
    )
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not Trajectory.objects.filter(worker=cast.other_worker, organisation=cast.organisation)


def test_coach_records_a_contact_moment_with_its_phase(cast, login):
    response = login(cast.coach).post(
        reverse("plans:contact-create", args=[cast.trajectory.pk]),
        {
            "date": TODAY.isoformat(),
            "phase": "opstart",
            "kind": "collective",
            "duration_minutes": 90,
        },
    )
    assert response.status_code == 302
    contact = ContactMoment.objects.get(trajectory=cast.trajectory)
    assert (contact.phase, contact.kind, contact.duration_minutes) == ("opstart", "collective", 90)


def test_contact_moment_without_date_is_refused_in_dutch(cast, login):
    response = login(cast.coach).post(
        reverse("plans:contact-create", args=[cast.trajectory.pk]),
        {"date": "", "phase": "opstart", "kind": "individual", "duration_minutes": 60},
    )
    assert "Dit veld is verplicht." in response.content.decode()
    assert not ContactMoment.objects.exists()


def test_contact_moment_in_the_future_is_refused_in_dutch(cast, login):
    response = login(cast.coach).post(
        reverse("plans:contact-create", args=[cast.trajectory.pk]),
        {
            "date": (TODAY + datetime.timedelta(days=1)).isoformat(),
            "phase": "opstart",
            "kind": "individual",
            "duration_minutes": 60,
        },
    )
    assert response.status_code == 200
    assert "Een contactmoment noteer je na het gesprek" in response.content.decode()
    assert not ContactMoment.objects.exists()


def test_coach_moves_the_trajectory_to_the_next_phase(cast, login):
    login(cast.coach).post(
        reverse("plans:trajectory-phase", args=[cast.trajectory.pk]), {"phase": "analyse"}
    )
    cast.trajectory.refresh_from_db()
    assert cast.trajectory.phase == Phase.ANALYSE


def _assign(client, cast, floor_supervisor):
    return client.post(
        reverse("plans:trajectory-edit", args=[cast.trajectory.pk]),
        {
            "reflection_level": "medium",
            "intensity": "medium",
            "language_skills": "fluent",
            "variant": "basis",
            "floor_supervisor": floor_supervisor,
        },
        follow=True,
    )


def test_coach_assigns_the_floor_supervisor_who_may_rate_the_worker(cast, login):
    client = login(cast.coach)
    _assign(client, cast, cast.other_floor_supervisor.pk)
    cast.trajectory.refresh_from_db()
    assert cast.trajectory.floor_supervisor == cast.other_floor_supervisor
    page = client.get(reverse("plans:trajectory", args=[cast.trajectory.pk])).content.decode()
    assert f"werkvloerbegeleider: {cast.other_floor_supervisor}" in page
    listing = login(cast.floor_supervisor).get(reverse("methods:to-rate")).content.decode()
    assert "Er is nu niets in te schatten" in listing  # the former one lost the worker


def test_only_a_floor_supervisor_of_the_organisation_can_be_assigned(cast, login):
    elsewhere = member(cast.other_organisation, Role.FLOOR_SUPERVISOR)
    for wrong in (elsewhere.pk, cast.coach.pk, cast.worker.pk, 10**9, "x"):
        response = _assign(login(cast.coach), cast, wrong)
        assert "Kies een werkvloerbegeleider van deze organisatie" in response.content.decode()
        cast.trajectory.refresh_from_db()
        assert cast.trajectory.floor_supervisor == cast.floor_supervisor
    _assign(login(cast.coach), cast, "")
    cast.trajectory.refresh_from_db()
    assert cast.trajectory.floor_supervisor is None


def test_skipping_a_phase_is_refused_with_a_message(cast, login):
    response = login(cast.coach).post(
        reverse("plans:trajectory-phase", args=[cast.trajectory.pk]),
        {"phase": "uitvoeren"},
        follow=True,
    )
    assert "kan het traject niet naar Uitvoeren" in response.content.decode()
    cast.trajectory.refresh_from_db()
    assert cast.trajectory.phase == Phase.OPSTART


def test_coach_adds_an_action(cast, login):
    response = post_action(login(cast.coach), cast)
    assert response.status_code == 302
    assert Action.objects.get(pop=cast.pop).expected_result == "Luc ziet vijf vragen per week"


def test_action_without_deadline_gets_a_dutch_message(cast, login):
    response = post_action(login(cast.coach), cast, deadline="")
    assert "Vul in tegen wanneer de actie klaar is." in response.content.decode()
    assert not Action.objects.exists()


def test_action_with_deadline_in_the_past_gets_a_dutch_message(cast, login):
    yesterday = (TODAY - datetime.timedelta(days=1)).isoformat()
    response = post_action(login(cast.coach), cast, deadline=yesterday)
    assert "De deadline ligt in het verleden" in response.content.decode()
    assert not Action.objects.exists()


def test_action_with_empty_expected_result_gets_a_dutch_message(cast, login):
    response = post_action(login(cast.coach), cast, expected_result="   ")
    assert "Beschrijf het verwachte resultaat" in response.content.decode()
    assert not Action.objects.exists()


def test_editing_an_old_action_keeps_its_past_deadline(cast, login):
    action = ActionFactory(pop=cast.pop, deadline=TODAY - datetime.timedelta(days=3))
    data = action_data(deadline=action.deadline.isoformat(), description="Nieuwe tekst")
    response = login(cast.coach).post(
        reverse("plans:action-edit", args=[cast.pop.pk, action.pk]), data
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.description == "Nieuwe tekst"


def test_progress_of_seven_is_refused(cast, login):
    action = ActionFactory(pop=cast.pop, progress=2)
    response = login(cast.coach).post(
        reverse("plans:action-progress", args=[cast.pop.pk, action.pk]),
        {"progress": "7"},
        follow=True,
    )
    assert "Kies een score van 0 tot 5." in response.content.decode()
    action.refresh_from_db()
    assert action.progress == 2


def test_summary_item_on_what_i_can_needs_a_competence_tag(cast, login):
    response = login(cast.coach).post(
        reverse("plans:summary-create", args=[cast.pop.pk]),
        {"section": "can", "text": "Ik werk netjes"},
    )
    assert "Kies of dit een generieke, een technische competentie" in response.content.decode()
    assert not SummaryItem.objects.exists()


def test_pop_page_says_plainly_what_is_missing_for_agreement(cast, login):
    ActionFactory(pop=cast.pop, competence="technical")
    response = login(cast.coach).get(reverse("plans:pop", args=[cast.pop.pk]))
    content = response.content.decode()
    assert "Er is nog geen actie rond een generieke competentie." in content
    assert "technische competentie." not in content


def shown_content_version(client, url: str) -> str:
    """The content version a confirmation form on ``url`` carries, as a browser posts it."""
    found = re.search(r'name="content_version" value="(\d+)"', client.get(url).content.decode())
    assert found, f"no confirmation form on {url}"
    return found.group(1)


def agree_from(client, page: str, pop, version: str | None = None):
    version = version if version is not None else shown_content_version(client, page)
    return client.post(
        reverse("plans:pop-agree", args=[pop.pk]), {"content_version": version}, follow=True
    )


def test_worker_and_coach_agree_through_the_pages(cast, login):
    agreeable_pop(cast.pop)
    response = agree_from(login(cast.worker), reverse("plans:worker-home"), cast.pop)
    assert "Je hebt ja gezegd. Nu moet je coach nog bevestigen." in response.content.decode()
    page = reverse("plans:pop", args=[cast.pop.pk])
    response = agree_from(login(cast.coach), page, cast.pop)
    assert "De POP is afgesproken" in response.content.decode()
    cast.pop.refresh_from_db()
    assert cast.pop.is_agreed


def test_second_agreement_of_the_same_version_gets_a_message(cast, login):
    agreeable_pop(cast.pop)
    client = login(cast.coach)
    page = reverse("plans:pop", args=[cast.pop.pk])
    version = shown_content_version(client, page)
    agree_from(client, page, cast.pop, version)
    response = agree_from(client, page, cast.pop, version)
    assert "Een coach heeft deze POP-versie al bevestigd." in response.content.decode()


def test_worker_cannot_confirm_content_changed_after_their_page_was_shown(cast, login):
    agreeable_pop(cast.pop)
    worker = login(cast.worker)
    version = shown_content_version(worker, reverse("plans:worker-home"))
    coach = login(cast.coach)
    post_action(coach, cast, description="Een actie die de werknemer nog niet las")
    worker = login(cast.worker)
    response = agree_from(worker, reverse("plans:worker-home"), cast.pop, version)
    content = response.content.decode()
    assert "De POP is veranderd sinds je ze opende" in content
    assert "Een actie die de werknemer nog niet las" in content  # the current plan is shown
    cast.pop.refresh_from_db()
    assert cast.pop.worker_agreed_at is None


def test_coach_cannot_confirm_content_changed_after_their_page_was_shown(cast, login):
    agreeable_pop(cast.pop)
    page = reverse("plans:pop", args=[cast.pop.pk])
    coach = login(cast.coach)
    version = shown_content_version(coach, page)
    post_action(coach, cast)
    response = agree_from(coach, page, cast.pop, version)
    assert "De POP is veranderd sinds je ze opende" in response.content.decode()
    cast.pop.refresh_from_db()
    assert cast.pop.coach_agreed_at is None


def test_confirmation_without_a_shown_version_is_refused(cast, login):
    agreeable_pop(cast.pop)
    response = login(cast.worker).post(reverse("plans:pop-agree", args=[cast.pop.pk]), follow=True)
    assert "De POP is veranderd sinds je ze opende" in response.content.decode()
    cast.pop.refresh_from_db()
    assert cast.pop.worker_agreed_at is None


def test_agreed_version_is_read_only(cast, login):
    agreeable_pop(cast.pop)
    confirm(cast.pop, cast.worker)
    confirm(cast.pop, cast.coach)
    client = login(cast.coach)
    response = post_action(client, cast)
    assert response.status_code == 302
    follow = client.get(response.url)
    assert "kan niet meer veranderen" in follow.content.decode()
    assert cast.pop.actions.count() == 2


def test_post_to_someone_elses_pop_is_404_and_saves_nothing(cast, login):
    other_pop = cast.other_trajectory.pop_versions.get()
    response = login(cast.coach).post(
        reverse("plans:action-create", args=[other_pop.pk]), action_data()
    )
    assert response.status_code == 404
    assert not Action.objects.exists()


def _agreed_with_summary(cast):
    agreeable_pop(cast.pop)
    cast.pop.overall_goal = "Doorgroeien naar hulpkok"
    cast.pop.save(update_fields=["overall_goal"])
    SummaryItem.objects.create(pop=cast.pop, section="want", text="In de keuken blijven")
    confirm(cast.pop, cast.worker)
    confirm(cast.pop, cast.coach)


def test_a_follow_up_starts_from_the_previous_summary_and_goal_to_edit(cast, login):
    _agreed_with_summary(cast)
    client = login(cast.coach)
    page = client.get(reverse("plans:trajectory", args=[cast.trajectory.pk])).content.decode()
    assert "Begin met de samenvatting en het algemeen doel van de vorige POP" in page
    assert 'name="from_previous"' in page and "checked" in page
    client.post(
        reverse("plans:follow-up-start", args=[cast.trajectory.pk]), {"from_previous": "on"}
    )
    new = cast.trajectory.pop_versions.get(number=2)
    assert new.overall_goal == "Doorgroeien naar hulpkok"
    copied = new.summary_items.get()
    assert copied.text == "In de keuken blijven" and copied.pk != cast.pop.summary_items.get().pk
    # Editing the copy leaves the agreed version as it was.
    response = client.post(
        reverse("plans:overall-goal", args=[new.pk]),
        {"overall_goal": "Hulpkok worden", "lock_version": new.lock_version},
    )
    assert response.status_code == 302
    new.refresh_from_db()
    cast.pop.refresh_from_db()
    assert (new.overall_goal, cast.pop.overall_goal) == (
        "Hulpkok worden",
        "Doorgroeien naar hulpkok",
    )


def test_a_follow_up_can_start_empty(cast, login):
    _agreed_with_summary(cast)
    login(cast.coach).post(reverse("plans:follow-up-start", args=[cast.trajectory.pk]), {})
    new = cast.trajectory.pop_versions.get(number=2)
    assert new.overall_goal == "" and not new.summary_items.exists()
    assert new.evaluations.count() == 2


def test_follow_up_evaluation_requires_a_score_for_each_action(cast, login):
    agreeable_pop(cast.pop)
    confirm(cast.pop, cast.worker)
    confirm(cast.pop, cast.coach)
    follow_up = services.pop_start_follow_up(trajectory=cast.trajectory, by=cast.coach)
    evaluations = list(follow_up.evaluations.all())
    data = {"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "2"}
    for i, evaluation in enumerate(evaluations):
        data[f"form-{i}-id"] = evaluation.pk
        data[f"form-{i}-score"] = "" if i == 0 else "9"
        data[f"form-{i}-carry_over"] = "on"
    response = login(cast.coach).post(reverse("plans:evaluations", args=[follow_up.pk]), data)
    content = response.content.decode()
    assert "Geef een score van 0 tot 5." in content and "Kies een score van 0 tot 5." in content
    assert not follow_up.actions.exists()

    data["form-0-score"], data["form-1-score"] = "5", "2"
    response = login(cast.coach).post(reverse("plans:evaluations", args=[follow_up.pk]), data)
    # Not done: the draaiboek asks why (§4.3).
    assert "Deze actie is niet helemaal af: schrijf kort waarom." in response.content.decode()
    data["form-1-remark"] = "Geen tijd door de drukke periode"
    response = login(cast.coach).post(reverse("plans:evaluations", args=[follow_up.pk]), data)
    assert response.status_code == 302
    assert follow_up.actions.filter(carried_from__isnull=False).count() == 2


def test_worker_home_shows_the_pop_in_plain_words(cast, login):
    agreeable_pop(cast.pop)
    content = login(cast.worker).get(reverse("plans:worker-home")).content.decode()
    for words in [
        "Wat wil ik?",
        "Wat kan ik?",
        "Wat ga ik doen?",
        "Wie helpt mij: Collega",
        "Klaar tegen:",
    ]:
        assert words in content


def test_coach_home_warns_when_a_plan_lacks_a_technical_action(cast, login):
    ActionFactory(pop=cast.pop, competence="generic", deadline=TODAY - datetime.timedelta(days=1))
    content = login(cast.coach).get(reverse("plans:coach-home")).content.decode()
    assert "Van der Berghe" in content
    assert "geen technische actie" in content
    assert "geen generieke actie" not in content
    assert 'text-bg-danger">1<' in content


def test_english_is_the_second_language(cast, login):
    client = login(cast.coach)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "My workers" in client.get(reverse("plans:coach-home")).content.decode()


def test_trainer_sees_coaches_and_pages_through_trajectories(cast, login):
    from tests.plans.test_queries import add_coached_workers

    add_coached_workers(cast, 55)
    client = login(cast.trainer)
    content = client.get(reverse("plans:trainer-home")).content.decode()
    assert "Pagina 1 van 2" in content and "Kathleen Janssens" in content
    assert ">56<" in content  # the coach's active trajectories, the cast's own included
    page_two = client.get(reverse("plans:trainer-home"), {"page": 2, "coach": cast.coach.pk})
    assert "Pagina 2 van 2" in page_two.content.decode()
    assert "Andere Werkplaats" not in content


def test_trainer_counts_a_coachs_active_trajectories_of_their_organisations(cast, login):
    from tests.factories import TrajectoryFactory, member

    TrajectoryFactory(organisation=cast.organisation, coaches=[cast.coach], phase=Phase.AFGEROND)
    TrajectoryFactory(
        organisation=cast.other_organisation,
        worker=member(cast.other_organisation, Role.WORKER),
        coaches=[cast.coach],
    )
    TrajectoryFactory(organisation=cast.organisation, coaches=[cast.coach])
    content = login(cast.trainer).get(reverse("plans:trainer-home")).content.decode()
    row = content.split(f'href="?coach={cast.coach.pk}"')[1].split("</tr>")[0]
    assert row.endswith("<td>2</td>")  # the cast's and the new one; not the finished, not elsewhere


def test_trainer_rows_show_coaches_last_contact_and_overdue_actions(cast, login):
    import datetime

    from django.utils import timezone

    from tests.factories import ActionFactory, ContactMomentFactory, member

    today = timezone.localdate()
    second = member(cast.organisation, Role.COACH, first_name="Anna", last_name="Aerts")
    cast.trajectory.coaches.add(second)
    ContactMomentFactory(trajectory=cast.trajectory, date=today - datetime.timedelta(days=3))
    ContactMomentFactory(trajectory=cast.trajectory, date=today + datetime.timedelta(days=9))
    ActionFactory(pop=cast.pop, deadline=today - datetime.timedelta(days=1))
    ActionFactory(pop=cast.pop, deadline=today - datetime.timedelta(days=1), progress=5)
    nameless = member(cast.organisation, Role.COACH, first_name="", last_name="")
    content = login(cast.trainer).get(reverse("plans:trainer-home")).content.decode()
    row = content.split(reverse("plans:trajectory", args=[cast.trajectory.pk]))[1]
    row = row.split("</tr>")[0]
    assert ">Sofie Van der Berghe</a>" in row
    assert "Anna Aerts, Kathleen Janssens" in row  # sorted like str(user)
    assert (today - datetime.timedelta(days=3)).strftime("%d/%m/%Y") in row  # not the future one
    assert '>Basistraject (4 contactmomenten)</td><td data-label="Fase">Opstart</td>' in row
    assert row.endswith('<td data-label="Acties te laat">1</td>')  # the done one is not late
    assert f">{nameless.email}</a>" in content  # a coach without a name: their address


def test_trainer_filters_on_a_coach_where_they_coach(cast, login):
    from tests.factories import TrajectoryFactory, member

    # The coach also runs a trajectory of the other organisation, where the trainer
    # is a trainer too but the coach holds no coach role: it is not theirs to list.
    cast.trainer.memberships.create(organisation=cast.other_organisation, role=Role.TRAINER)
    elsewhere = TrajectoryFactory(
        organisation=cast.other_organisation,
        worker=member(
            cast.other_organisation, Role.WORKER, first_name="Ergens", last_name="Anders"
        ),
        coaches=[cast.coach],
    )
    client = login(cast.trainer)
    everyone = client.get(reverse("plans:trainer-home")).content.decode()
    assert "Ergens Anders" in everyone
    mine = client.get(reverse("plans:trainer-home"), {"coach": cast.coach.pk}).content.decode()
    assert "Lopende trajecten van Kathleen Janssens" in mine
    assert "Sofie Van der Berghe" in mine and "Ergens Anders" not in mine
    assert reverse("plans:trajectory", args=[elsewhere.pk]) not in mine


def test_ambassador_counts_the_latest_versions_actions_and_this_months_agreements(cast, login):
    import datetime

    from django.utils import timezone

    from tests.factories import ActionFactory, PopVersionFactory

    zone = timezone.get_current_timezone()
    month = timezone.localdate().replace(day=1)
    start = datetime.datetime.combine(month, datetime.time.min, tzinfo=zone)
    cast.pop.agreed_at = start - datetime.timedelta(minutes=30)  # last month, local time
    cast.pop.save()
    ActionFactory.create_batch(4, pop=cast.pop, progress=5)  # an older version's: not counted
    latest = PopVersionFactory(trajectory=cast.trajectory, number=2, previous=cast.pop)
    latest.agreed_at = start + datetime.timedelta(minutes=30)  # this month, just
    latest.save()
    ActionFactory.create_batch(2, pop=latest, progress=5)
    ActionFactory.create_batch(3, pop=latest, progress=2)
    ActionFactory.create_batch(7, pop=cast.other_trajectory.pop_versions.get(), progress=5)
    content = login(cast.ambassador).get(reverse("plans:ambassador-home")).content.decode()
    cards = [c.split("</div>")[0] for c in content.split('class="display-6">')[1:]]
    assert cards == ["1", "1", "2", "3"]  # trajectories, agreed this month, done, open
    assert "<td>Opstart</td><td>1</td>" in content and "<td>Afgerond</td><td>0</td>" in content
    assert "<td>Basistraject (4 contactmomenten)</td><td>1</td>" in content


def test_a_coach_whose_role_was_removed_loses_access_at_once(cast, login):
    cast.coach.memberships.filter(role=Role.COACH).delete()
    client = login(cast.coach)
    assert client.get(reverse("plans:trajectory", args=[cast.trajectory.pk])).status_code == 404
    assert (
        client.post(reverse("plans:action-create", args=[cast.pop.pk]), action_data()).status_code
        == 404
    )
    assert not Action.objects.exists()


def test_the_worker_reads_what_a_pop_is_and_is_not_at_contact_zero(cast, login):
    # §2.4.4 (lines 795-816): a safe place, apart from evaluating how someone works.
    client = login(cast.worker)
    assert cast.trajectory.phase == "opstart"
    home = client.get(reverse("plans:worker-home")).content.decode()
    assert reverse("plans:what-is-a-pop") in home
    page = client.get(reverse("plans:what-is-a-pop")).content.decode()
    assert "Een POP is niet" in page and "een beoordeling van hoe goed je werkt." in page
    assert "Je coach beoordeelt je niet" in page
    assert "niet tegen jou gebruikt" in page
    cast.trajectory.phase = "uitvoeren"
    cast.trajectory.save()
    home = client.get(reverse("plans:worker-home")).content.decode()
    assert reverse("plans:what-is-a-pop") not in home


def test_the_intake_and_its_edit_page_explain_reflection_and_intensity(cast, login):
    client = login(cast.coach)
    for url in (
        reverse("plans:trajectory-create"),
        reverse("plans:trajectory-edit", args=[cast.trajectory.pk]),
    ):
        page = client.get(url).content.decode()
        assert "Dit bepaalt vooral welke methodieken passen." in page, url
        assert "Dit bepaalt vooral het aantal contactmomenten." in page, url
