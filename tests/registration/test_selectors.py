"""The completion rule and the completeness check."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from plans.models import Trajectory
from popsite.accounts.models import Organisation, Role
from registration import selectors
from registration.models import Consent
from tests.factories import PopVersionFactory, member
from tests.registration.factories import (
    HoursLineFactory,
    HoursSheetFactory,
    TrainingFactory,
    agreed_on,
    attend,
    completed_trajectory,
    scan,
)

BRUSSELS = ZoneInfo("Europe/Brussels")
NOVEMBER = datetime.date(2026, 11, 1)
NOV_10 = datetime.datetime(2026, 11, 10, 14, 0, tzinfo=BRUSSELS)


def completed_pks(month=NOVEMBER, organisation_ids=None):
    """The rule's answer, checked against its other form: for every organisation (the
    month's agreements hashed) and for a list of them (each trajectory's first agreement
    probed) it is written differently (selectors._completed)."""
    found = set(selectors.completed_in(month, organisation_ids).values_list("pk", flat=True))
    if organisation_ids is None:
        every = list(Organisation.objects.values_list("pk", flat=True))
        listed = selectors.completed_in(month, every).values_list("pk", flat=True)
        assert set(listed) == found
    return found


def test_a_trajectory_completes_in_the_month_its_first_pop_was_agreed(cast):
    agreed_on(NOV_10, cast.trajectory, number=2)
    assert completed_pks() == {cast.trajectory.pk}
    assert completed_pks(datetime.date(2026, 10, 1)) == set()


def test_the_month_is_taken_in_local_time(cast):
    # 31 October 23:30 UTC is 1 November 00:30 in Brussels.
    agreed_on(datetime.datetime(2026, 10, 31, 23, 30, tzinfo=datetime.UTC), cast.trajectory, 2)
    assert completed_pks() == {cast.trajectory.pk}
    trajectory = selectors.completed_in(NOVEMBER).get()
    assert selectors.completion_date(trajectory) == datetime.date(2026, 11, 1)


def test_a_later_follow_up_pop_does_not_complete_the_trajectory_again(cast):
    agreed_on(datetime.datetime(2026, 10, 5, 10, 0, tzinfo=BRUSSELS), cast.trajectory, 2)
    agreed_on(NOV_10, cast.trajectory, 3)
    assert completed_pks() == set()
    assert completed_pks(datetime.date(2026, 10, 1)) == {cast.trajectory.pk}


def test_a_draft_pop_completes_nothing(cast):
    assert completed_pks() == set()


def test_completed_in_keeps_to_the_organisations_asked(cast):
    agreed_on(NOV_10, cast.trajectory, 2)
    agreed_on(NOV_10, cast.other_trajectory, 2)
    assert completed_pks(organisation_ids=[cast.other_organisation.pk]) == {
        cast.other_trajectory.pk
    }


def test_parse_month_reads_year_and_month():
    assert selectors.parse_month("2026-11") == NOVEMBER
    assert selectors.next_month(datetime.date(2026, 12, 1)) == datetime.date(2027, 1, 1)


def kinds(organisation_ids=None):
    return [m.kind for m in selectors.missing_documents(NOVEMBER, organisation_ids)]


def test_completeness_check_finds_each_kind_of_missing_document(cast):
    completed_trajectory(cast.organisation, NOV_10, consent="")
    completed_trajectory(cast.other_organisation, NOV_10)
    HoursLineFactory(sheet=HoursSheetFactory(organisation=cast.other_organisation))
    training = TrainingFactory(organisation=cast.organisation, trainer=cast.trainer)
    attend(training, cast.coach, present=False)
    assert kinds() == ["consent", "hours", "hours_scan", "attendance", "attendance_scan"]
    texts = [m.text for m in selectors.missing_documents(NOVEMBER, None)]
    assert texts[1] == "Er zijn geen uren geregistreerd voor Groene Keuken in 11/2026."
    assert kinds([cast.other_organisation.pk]) == ["hours_scan"]


def test_completeness_check_is_empty_when_everything_is_there(cast):
    completed_trajectory(cast.organisation, NOV_10, consent="app")
    HoursSheetFactory(organisation=cast.organisation, scan=scan())
    training = TrainingFactory(organisation=cast.organisation, scan=scan())
    attend(training, member(cast.organisation, Role.COACH))
    assert kinds() == []


def test_a_consent_confirmed_by_only_one_side_is_missing(cast):
    trajectory = completed_trajectory(cast.organisation, NOV_10, consent="app")
    trajectory.consent.coach_confirmed_at = None
    trajectory.consent.save()
    HoursSheetFactory(organisation=cast.organisation, scan=scan())
    assert kinds() == ["consent"]


def test_personal_data_lists_consents_and_trainings_of_that_person_only(cast):
    # One running trajectory per worker per organisation: close the cast's first.
    Trajectory.objects.filter(pk=cast.trajectory.pk).update(phase="afgerond")
    trajectory = completed_trajectory(cast.organisation, NOV_10, worker=cast.worker, consent="app")
    completed_trajectory(cast.organisation, NOV_10)
    attend(TrainingFactory(organisation=cast.organisation, topic="HAND"), cast.worker)
    data = selectors.personal_data(cast.worker)
    assert [c["bevestigd_door_werknemer_op"] for c in data["toestemmingen"]] == [
        trajectory.consent.worker_confirmed_at
    ]
    assert [(t["onderwerp"], t["aanwezig"]) for t in data["opleidingen"]] == [("HAND", True)]


def test_only_the_first_agreement_counts_in_either_form_of_the_rule(cast):
    # Agreed in October and again in November: October's, for one organisation too.
    agreed_on(datetime.datetime(2026, 10, 31, 23, 59, tzinfo=BRUSSELS), cast.trajectory, 2)
    agreed_on(NOV_10, cast.trajectory, 3)
    # A draft (not agreed) before the month does not count as an agreement.
    PopVersionFactory(trajectory=cast.other_trajectory, number=2, agreed_at=None)
    agreed_on(datetime.datetime(2026, 12, 1, 0, 0, tzinfo=BRUSSELS), cast.other_trajectory, 3)
    agreed_on(datetime.datetime(2026, 11, 30, 23, 59, tzinfo=BRUSSELS), cast.other_trajectory, 4)
    for ids in (None, [cast.organisation.pk, cast.other_organisation.pk]):
        assert completed_pks(organisation_ids=ids) == {cast.other_trajectory.pk}
        assert completed_pks(datetime.date(2026, 10, 1), ids) == {cast.trajectory.pk}
        assert completed_pks(datetime.date(2026, 12, 1), ids) == set()


def test_the_check_reads_each_kind_of_consent_from_the_joined_row(cast):
    none = completed_trajectory(cast.organisation, NOV_10, consent="")
    scanned = completed_trajectory(cast.organisation, NOV_10)
    in_app = completed_trajectory(cast.organisation, NOV_10, consent="app")
    lost = completed_trajectory(cast.organisation, NOV_10)
    lost_but_in_app = completed_trajectory(cast.organisation, NOV_10, consent="app")
    one_side = completed_trajectory(cast.organisation, NOV_10, consent="app")
    Consent.objects.filter(trajectory=lost).update(scan="registration/consent/gone.pdf")
    Consent.objects.filter(trajectory=lost_but_in_app).update(scan="registration/consent/gone.pdf")
    Consent.objects.filter(trajectory=one_side).update(worker_confirmed_at=None)
    HoursSheetFactory(organisation=cast.organisation, scan=scan())
    found = {
        m.trajectory_id: m.text.split(" ")[0]
        for m in selectors.missing_documents(NOVEMBER, [cast.organisation.pk])
    }
    assert found == {none.pk: "Toestemming", lost.pk: "De", one_side.pk: "Toestemming"}
    assert scanned.pk not in found and in_app.pk not in found


def test_the_check_read_by_sql_made_beforehand_fills_in_each_month_and_organisation(cast):
    """The check's reads are compiled once per number of organisations: each run still
    reads its own month and organisations, in local time, and a training's day."""
    completed_trajectory(cast.organisation, NOV_10, consent="")
    december = datetime.date(2026, 12, 1)
    completed_trajectory(
        cast.other_organisation, datetime.datetime(2026, 11, 30, 23, 30, tzinfo=datetime.UTC)
    )
    TrainingFactory(
        organisation=cast.other_organisation, trainer=cast.trainer, date=datetime.date(2026, 12, 3)
    )
    both = [cast.organisation.pk, cast.other_organisation.pk]

    def found(month, organisation_ids):
        return [
            (m.organisation, m.kind) for m in selectors.missing_documents(month, organisation_ids)
        ]

    groene, other = cast.organisation.name, cast.other_organisation.name
    assert found(NOVEMBER, both) == [(groene, "consent"), (groene, "hours")]
    assert found(december, both) == [
        (other, "hours"),
        (other, "attendance"),
        (other, "attendance_scan"),
    ]
    assert found(NOVEMBER, [cast.other_organisation.pk]) == []
    assert found(december, None) == found(december, both)
    missing = selectors.missing_documents(december, None)
    assert missing[1].text.startswith("Opleiding 03/12/2026 ")
