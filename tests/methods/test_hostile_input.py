"""Random and hostile input on the worksheet forms: never a 500, never half saved."""

from __future__ import annotations

from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from methods.models import PopItemSource, ScanAction, Worksheet
from methods.sheets import scan_score
from plans.models import SummaryItem
from tests.methods.factories import worksheet
from tests.plans.test_hostile_input import HOSTILE_NUMBER, HOSTILE_TEXT, PROFILE


@PROFILE
@given(text=HOSTILE_TEXT, score=HOSTILE_NUMBER)
def test_scan_rows_never_fail_and_never_half_save(cast, login, text, score):
    sheet = worksheet(cast.trajectory, "zinvolheid-haalbaarheid")
    data = {
        "rows-TOTAL_FORMS": "2",
        "rows-INITIAL_FORMS": "0",
        "rows-0-domain": "1",
        "rows-0-description": "Goede actie",
        "rows-1-domain": "2",
        "rows-1-description": text,
        "conclusion": text,
    }
    client = login(cast.coach)
    response = client.post(reverse("methods:worksheet-edit", args=[sheet.pk]), data)
    saved = ScanAction.objects.filter(worksheet=sheet).count()
    assert response.status_code in (200, 302)
    assert saved in (0, 2) and (saved == 2) == (response.status_code == 302)
    rows = list(ScanAction.objects.filter(worksheet=sheet).order_by("pk"))
    if rows:
        scores = {
            "rows-TOTAL_FORMS": "2",
            "rows-INITIAL_FORMS": "2",
            "rows-0-id": str(rows[0].pk),
            "rows-0-worker_meaning": "10",
            "rows-1-id": str(rows[1].pk),
            "rows-1-worker_meaning": score,
        }
        url = reverse("methods:scan-score", args=[sheet.pk, "werknemer"])
        response = client.post(url, scores)
        given = ScanAction.objects.filter(worksheet=sheet, worker_meaning__isnull=False).count()
        assert response.status_code in (200, 302)
        assert (given > 0) == (response.status_code == 302)
        if given:
            assert score.strip() in ("10", "5", "1", "")
    Worksheet.objects.filter(pk=sheet.pk).delete()


@PROFILE
@given(text=HOSTILE_TEXT, section=st.sampled_from(["want", "can", "develop", "", "elders"]))
def test_hand_answers_and_promotion_never_fail(cast, login, text, section):
    sheet = worksheet(cast.trajectory)
    client = login(cast.coach)
    response = client.post(
        reverse("methods:worksheet-edit", args=[sheet.pk]), {"thumb": text, "conclusion": text}
    )
    assert response.status_code in (200, 302)
    response = client.post(
        reverse("methods:promote-summary", args=[sheet.pk]), {"section": section, "text": text}
    )
    assert response.status_code == 302
    assert SummaryItem.objects.count() == PopItemSource.objects.count()
    page = client.get(reverse("methods:worksheet", args=[sheet.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page


@given(
    scores=st.tuples(*[st.sampled_from([None, 1, 5, 10])] * 4),
)
def test_scan_total_is_the_sum_of_the_scores_given(scores):
    action = ScanAction(
        domain=1,
        description="x",
        worker_meaning=scores[0],
        worker_feasibility=scores[1],
        coach_meaning=scores[2],
        coach_feasibility=scores[3],
    )
    score = scan_score(action)
    worker = None if None in scores[:2] else scores[0] + scores[1]
    coach = None if None in scores[2:] else scores[2] + scores[3]
    assert (score.worker_total, score.coach_total) == (worker, coach)
    assert score.total == (worker or 0) + (coach or 0)
    assert not score.agreed  # agreement is a tick of both, never read from the points
