"""From worksheet to POP in one step, with a link back to the worksheet."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from methods.models import ActionDetail, PopItemSource
from methods.services import ActionInput, worksheet_promote_action, worksheet_promote_summary
from plans.models import Action, SummaryItem
from tests.factories import confirm
from tests.methods.factories import ScanActionFactory, worksheet

DEADLINE = timezone.localdate() + datetime.timedelta(days=30)


def test_a_conclusion_goes_into_the_summary_with_its_source(cast):
    sheet = worksheet(cast.trajectory)
    item = worksheet_promote_summary(
        worksheet=sheet, section="develop", text="Leren plannen", competence="generic"
    )
    assert item.pop == cast.pop and item.competence == "generic"
    assert PopItemSource.objects.get(summary_item=item).worksheet == sheet


def test_promotion_clears_confirmations_given_so_far(cast):
    cast.pop.worker_agreed_at = timezone.now()
    cast.pop.save()
    worksheet_promote_summary(worksheet=worksheet(cast.trajectory), section="want", text="Koken")
    cast.pop.refresh_from_db()
    assert cast.pop.worker_agreed_at is None


def test_nothing_goes_into_an_agreed_pop(cast):
    cast.pop.agreed_at = timezone.now()
    cast.pop.save()
    sheet = worksheet(cast.trajectory)
    with pytest.raises(ValidationError, match="afgesproken"):
        worksheet_promote_summary(worksheet=sheet, section="want", text="Koken")
    with pytest.raises(ValidationError):
        worksheet_promote_action(
            worksheet=sheet, action=ActionInput(description="x", competence="generic")
        )
    assert not SummaryItem.objects.exists() and not Action.objects.exists()
    assert not PopItemSource.objects.exists()


def test_bad_summary_input_saves_nothing(cast):
    sheet = worksheet(cast.trajectory)
    with pytest.raises(ValidationError):
        worksheet_promote_summary(worksheet=sheet, section="elders", text="x")
    with pytest.raises(ValidationError):
        worksheet_promote_summary(worksheet=sheet, section="want", text="  ")
    with pytest.raises(ValidationError):
        worksheet_promote_summary(worksheet=sheet, section="want", text="x", competence="raar")
    assert not SummaryItem.objects.exists() and not PopItemSource.objects.exists()


def test_a_scan_action_goes_into_the_plan_with_its_extra_fields(cast):
    sheet = worksheet(cast.trajectory, "zinvolheid-haalbaarheid")
    row = ScanActionFactory(
        worksheet=sheet, description="Infoavond bezoeken", worker_agrees=True, coach_agrees=True
    )
    action = worksheet_promote_action(
        worksheet=sheet,
        action=ActionInput(
            description=row.description,
            competence="other",
            deadline=DEADLINE,
            expected_result="Ik was er en vertel wat ik leerde.",
        ),
        detail={
            "kind": "informeren",
            "how_checked": "Ik toon het programma",
            "resources": "",
            "means": "Een busabonnement",
            "why": "Ik wil weten wat kan",
            "why_feasible": "Het is dichtbij",
        },
        scan_action=row,
    )
    assert action.pop == cast.pop and action.deadline == DEADLINE
    assert action.method_detail.kind == "informeren"
    assert action.method_source.scan_action == row


@pytest.mark.parametrize("ticks", [(False, False), (True, False), (False, True)])
def test_a_scan_action_without_both_akkoord_ticks_stays_out_of_the_plan(cast, ticks):
    sheet = worksheet(cast.trajectory, "zinvolheid-haalbaarheid")
    row = ScanActionFactory(
        worksheet=sheet,
        worker_meaning=10,
        worker_feasibility=10,
        coach_meaning=10,
        coach_feasibility=10,
        worker_agrees=ticks[0],
        coach_agrees=ticks[1],
    )
    with pytest.raises(ValidationError, match="allebei akkoord"):
        worksheet_promote_action(
            worksheet=sheet,
            action=ActionInput(description="x", competence="generic"),
            detail={"kind": "werk"},
            scan_action=row,
        )
    assert not Action.objects.exists()


def test_a_bad_action_detail_rolls_back_the_action(cast):
    sheet = worksheet(cast.trajectory, "zinvolheid-haalbaarheid")
    with pytest.raises(ValidationError):
        worksheet_promote_action(
            worksheet=sheet,
            action=ActionInput(description="Cursus", competence="technical"),
            detail={"kind": "vakantie"},
        )
    assert not Action.objects.exists() and not ActionDetail.objects.exists()


def test_a_scan_row_of_another_worksheet_is_refused(cast):
    sheet = worksheet(cast.trajectory, "zinvolheid-haalbaarheid")
    other = ScanActionFactory(worksheet=worksheet(cast.trajectory, "zinvolheid-haalbaarheid"))
    with pytest.raises(ValidationError):
        worksheet_promote_action(
            worksheet=sheet,
            action=ActionInput(description="x", competence="generic"),
            scan_action=other,
        )
    assert not Action.objects.exists()


def test_coach_promotes_from_the_page_and_the_pop_shows_where_it_came_from(cast, login):
    sheet = worksheet(cast.trajectory)
    client = login(cast.coach)
    response = client.post(
        reverse("methods:promote-summary", args=[sheet.pk]),
        {"section": "want", "text": "Ik wil chef worden.", "competence": ""},
    )
    assert response.url == reverse("plans:pop", args=[cast.pop.pk])
    response = client.post(
        reverse("methods:promote-action", args=[sheet.pk]),
        {
            "description": "Elke week een nieuw gerecht",
            "competence": "technical",
            "deadline": DEADLINE.isoformat(),
            "expected_result": "Vier gerechten",
            "helper": "Chef Jan",
        },
    )
    assert response.url == reverse("plans:pop", args=[cast.pop.pk])
    page = client.get(response.url).content.decode()
    assert page.count("uit HAND-methodiek") == 2
    assert reverse("methods:worksheet", args=[sheet.pk]) in page
    sheet_page = client.get(reverse("methods:worksheet", args=[sheet.pk])).content.decode()
    assert "Overgenomen in de POP" in sheet_page and "Elke week een nieuw gerecht" in sheet_page


def test_scan_promotion_asks_what_kind_of_action_it_is(cast, login):
    sheet = worksheet(cast.trajectory, "zinvolheid-haalbaarheid")
    row = ScanActionFactory(worksheet=sheet, worker_agrees=True, coach_agrees=True)
    url = reverse("methods:promote-scan-action", args=[sheet.pk, row.pk])
    response = login(cast.coach).post(url, {"description": "Cursus", "competence": "technical"})
    assert response.status_code == 200
    assert "Kies waarover de actie gaat" in response.content.decode()
    assert not Action.objects.exists()
    response = login(cast.coach).post(
        url, {"description": "Cursus", "competence": "technical", "kind": "opleiding"}
    )
    assert response.status_code == 302
    assert Action.objects.get().method_detail.kind == "opleiding"


def test_agreed_pop_gives_a_dutch_message_on_the_page(cast, login):
    cast.pop.agreed_at = timezone.now()
    cast.pop.save()
    sheet = worksheet(cast.trajectory)
    response = login(cast.coach).post(
        reverse("methods:promote-summary", args=[sheet.pk]),
        {"section": "want", "text": "Koken"},
        follow=True,
    )
    assert "Maak een nieuwe versie" in response.content.decode()
    assert not SummaryItem.objects.exists()


def test_outsider_cannot_promote(cast, login):
    sheet = worksheet(cast.trajectory)
    response = login(cast.other_coach).post(
        reverse("methods:promote-summary", args=[sheet.pk]), {"section": "want", "text": "x"}
    )
    assert response.status_code == 404
    assert not SummaryItem.objects.exists()


def test_a_new_version_keeps_the_worksheet_links_and_scan_fields(cast):
    from plans import services

    sheet = worksheet(cast.trajectory)
    worksheet_promote_summary(worksheet=sheet, section="want", text="Koken")
    worksheet_promote_action(
        worksheet=sheet,
        action=ActionInput(
            description="Stage in de keuken",
            competence="technical",
            deadline=DEADLINE,
            expected_result="Attest van de chef",
        ),
        detail={"kind": "werk", "why": "Ik kook graag"},
    )
    worksheet_promote_action(
        worksheet=sheet,
        action=ActionInput(
            description="Hulp vragen",
            competence="generic",
            deadline=DEADLINE,
            expected_result="Vijf vragen per week",
        ),
    )
    confirm(cast.pop, cast.worker)
    agreed = confirm(cast.pop, cast.coach)

    new = services.pop_revise(pop=agreed)

    assert PopItemSource.objects.filter(summary_item__pop=new, worksheet=sheet).count() == 1
    assert PopItemSource.objects.filter(action__pop=new, worksheet=sheet).count() == 2
    detail = ActionDetail.objects.get(action__pop=new)
    assert (detail.kind, detail.why) == ("werk", "Ik kook graag")
    assert PopItemSource.objects.filter(action__pop=cast.pop).count() == 2


def test_the_scan_fields_show_on_the_pop_page_the_pdf_and_plainly_to_the_worker(cast, login):
    import io

    from pypdf import PdfReader

    sheet = worksheet(cast.trajectory, "zinvolheid-haalbaarheid")
    row = ScanActionFactory(worksheet=sheet, worker_agrees=True, coach_agrees=True)
    worksheet_promote_action(
        worksheet=sheet,
        action=ActionInput(
            description="Infoavond bezoeken",
            competence="other",
            deadline=DEADLINE,
            expected_result="Ik was er",
        ),
        detail={
            "kind": "informeren",
            "how_checked": "Ik toon het programma",
            "resources": "Mijn fiets",
            "means": "Een busabonnement",
            "why": "Ik wil weten wat kan",
            "why_feasible": "Het is dichtbij",
        },
        scan_action=row,
    )
    values = ["Ik toon het programma", "Mijn fiets", "Een busabonnement", "Ik wil weten wat kan"]
    page = login(cast.coach).get(reverse("plans:pop", args=[cast.pop.pk])).content.decode()
    assert "Zo kan de begeleiding het nagaan" in page and "Dit gaat me lukken omdat" in page
    assert all(v in page for v in values) and "informeren" in page
    response = login(cast.coach).get(reverse("plans:pop-pdf", args=[cast.pop.pk]))
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert all(v in text for v in values) and "Het is dichtbij" in text
    home = login(cast.worker).get(reverse("plans:worker-home")).content.decode()
    assert "Dit heb ik al" in home and "Dit heb ik nog nodig" in home
    assert "Zo kan mijn begeleider zien dat het gelukt is" in home
    assert all(v in home for v in values)


def test_an_action_names_the_competence_it_develops(cast, login):
    from methods.models import CompetenceDefinition

    sheet = worksheet(cast.trajectory)
    competence = CompetenceDefinition.objects.get(organisation=None, name="Samenwerken")
    elsewhere = CompetenceDefinition.objects.create(
        organisation=cast.other_organisation, name="Heftruck rijden", kind="technical"
    )
    client = login(cast.coach)
    url = reverse("methods:promote-action", args=[sheet.pk])
    data = {
        "description": "Samen de bestelling klaarzetten",
        "competence": "generic",
        "deadline": DEADLINE.isoformat(),
        "expected_result": "Drie keer samen gedaan",
        "develops": elsewhere.pk,
    }
    assert client.post(url, data).status_code == 200  # another organisation's competence
    assert not Action.objects.exists()
    data["develops"] = competence.pk
    assert client.post(url, data).status_code == 302
    assert Action.objects.get().method_detail.develops == competence
    page = client.get(reverse("plans:pop", args=[cast.pop.pk])).content.decode()
    assert "Werkt aan de competentie" in page and "Samenwerken" in page
    home = login(cast.worker).get(reverse("plans:worker-home")).content.decode()
    assert "Hier word ik beter in" in home


def test_any_action_of_a_draft_names_its_competence_from_the_dictionary(cast, login):
    from methods.models import CompetenceDefinition
    from tests.factories import ActionFactory

    action = ActionFactory(pop=cast.pop, description="Hulp vragen")
    competence = CompetenceDefinition.objects.get(organisation=None, name="Communiceren")
    client = login(cast.coach)
    page = client.get(reverse("plans:pop", args=[cast.pop.pk])).content.decode()
    url = reverse("methods:action-develops", args=[cast.pop.pk, action.pk])
    assert url in page
    response = client.post(url, {"develops": competence.pk, "lock_version": cast.pop.lock_version})
    assert response.status_code == 302
    assert ActionDetail.objects.get(action=action).develops == competence
    cast.pop.refresh_from_db()
    page = client.get(reverse("plans:pop", args=[cast.pop.pk])).content.decode()
    assert "Communiceren" in page
    # An agreed version does not change.
    cast.pop.agreed_at = timezone.now()
    cast.pop.save()
    response = client.post(
        url, {"develops": "", "lock_version": cast.pop.lock_version}, follow=True
    )
    assert "Maak een nieuwe versie" in response.content.decode()
    assert ActionDetail.objects.get(action=action).develops == competence
