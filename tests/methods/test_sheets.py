"""The worksheet rules as plain functions: matrix signals, scan totals, comparisons."""

from __future__ import annotations

from methods.models import CompetenceRating, ScanAction, SkillPlacement, cell_label, cell_number
from methods.sheets import (
    TEXT_SHEETS,
    compare_ratings,
    readable_answers,
    scan_ranking,
    scan_score,
    skill_grid,
    skill_signals,
)


def skill(name: str, cell: int, frequency: str = "") -> SkillPlacement:
    return SkillPlacement(skill=name, cell=cell, frequency=frequency)


def test_cells_are_numbered_row_by_row():
    assert cell_number(mastery=0, enjoyment=1) == 1
    assert cell_number(mastery=1, enjoyment=1) == 6
    assert cell_number(mastery=2, enjoyment=5) == 15
    assert cell_label(7) == "7 – redelijk, leuk"
    assert cell_label(4) == "4 – goed, niet zo leuk"


def test_training_opportunities_are_liked_skills_not_yet_mastered():
    signals = skill_signals(
        [skill("plannen", 6), skill("rekenen", 12), skill("poetsen", 1), skill("typen", 13)]
    )
    assert signals.training == ["plannen", "rekenen"]


def test_often_used_disliked_skills_mean_burn_out_risk():
    signals = skill_signals(
        [
            skill("tillen", 4, "often"),
            skill("sorteren", 5, "sometimes"),
            skill("lassen", 2, "often"),
        ]
    )
    assert signals.burn_out == ["tillen"] and signals.burn_out_risk
    assert not skill_signals([skill("sorteren", 5, "sometimes")]).burn_out_risk


def test_unused_skills_in_eleven_or_twelve_may_slide():
    signals = skill_signals([skill("Frans", 11, "never"), skill("Excel", 12, "often")])
    assert signals.may_slide == ["Frans"]


def test_liked_versus_disliked_ratio():
    signals = skill_signals(
        [skill("a", 1), skill("b", 7), skill("c", 11), skill("d", 3), skill("e", 9), skill("f", 15)]
    )
    assert (signals.liked, signals.disliked) == (3, 2)


def test_grid_has_three_rows_of_five_cells():
    grid = skill_grid([skill("plannen", 6), skill("koken", 6)])
    assert len(grid) == 3 and all(len(row) == 5 for row in grid)
    assert grid[1][0] == (6, ["plannen", "koken"])


def scan(wm=None, wf=None, cm=None, cf=None, pk=None, worker=False, coach=False) -> ScanAction:
    return ScanAction(
        pk=pk,
        domain=1,
        description="x",
        worker_meaning=wm,
        worker_feasibility=wf,
        coach_meaning=cm,
        coach_feasibility=cf,
        worker_agrees=worker,
        coach_agrees=coach,
    )


def test_scan_totals_add_meaning_and_feasibility():
    score = scan_score(scan(10, 5, 5, 5))
    assert (score.worker_total, score.coach_total, score.total) == (15, 10, 25)
    assert score.complete and not score.agreed


def test_scan_agreement_is_the_explicit_tick_of_both_not_equal_points():
    # §5.7 step 3: "waar jullie beiden mee akkoord gaan" is a decision, not a score match.
    assert not scan_score(scan(10, 10, 10, 10)).agreed
    assert not scan_score(scan(10, 10, 10, 10, worker=True)).agreed
    assert scan_score(scan(10, 5, 5, 1, worker=True, coach=True)).agreed
    assert scan_score(scan(10, None, 5, 5)).worker_total is None


def test_scan_ranking_is_by_total_points_equal_scores_weigh_nothing():
    # The case: 1/1 against 1/1 (equal) must not rank above 10/10 against 10/5.
    ranking = scan_ranking(
        [scan(1, 1, 1, 1, pk=1), scan(10, 10, 10, 5, pk=2), scan(5, 5, 5, 5, pk=3)]
    )
    assert [s.action.pk for s in ranking] == [2, 3, 1]
    assert [s.total for s in ranking] == [35, 20, 4]


def test_scan_ranking_does_not_lift_agreed_rows_above_higher_totals():
    ranking = scan_ranking(
        [scan(1, 1, 1, 1, pk=1, worker=True, coach=True), scan(10, 10, 10, 10, pk=2)]
    )
    assert [s.action.pk for s in ranking] == [2, 1]


def test_self_is_compared_with_coach_and_floor_supervisor_apart():
    ratings = [
        CompetenceRating(self_now=4, self_wanted=5, coach=2, floor=4),
        CompetenceRating(self_now=3, coach=3, floor=1),
        CompetenceRating(self_now=2, coach=3),
        CompetenceRating(self_now=2),
    ]
    first, same, lower, missing = compare_ratings(ratings)
    assert first.coach.value == 2 and first.coach.differs_much and first.growth == 1
    assert first.floor.value == 0 and not first.floor.differs and first.differs_much
    assert not same.coach.differs and same.floor.value == 2 and same.differs_much
    assert lower.coach.differs and not lower.coach.differs_much and lower.coach.value == -1
    assert lower.floor.value is None and not lower.floor.differs
    assert missing.coach.value is None and not missing.differs_much


def test_hand_has_the_five_finger_questions_in_order():
    keys = [f.key for f in TEXT_SHEETS["hand"]]
    assert keys == ["thumb", "index", "middle", "ring", "little"]
    rows = readable_answers("hand", {"thumb": "koken", "index": "chef worden"})
    assert [value for _, value in rows] == ["koken", "chef worden", "", "", ""]


def test_praatplaat_checklist_is_spelled_out():
    rows = dict(
        (f.key, v)
        for f, v in readable_answers(
            "praatplaat",
            {
                "conditions": ["outside", "night", "unknown"],
                "focus": ["training"],
                "motivation": "x",
            },
        )
    )
    assert rows["conditions"] == "Ik werk graag buiten, Ik wil nachtwerk doen"
    assert rows["focus"] == "verder leren: een opleiding"
    assert rows["motivation"] == ""  # an old free-text answer is no choice
