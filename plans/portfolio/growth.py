"""Growth at a glance: chart geometry computed here, drawn as inline SVG by the template
(the Content-Security-Policy allows no scripts or inline styles)."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from methods.models import CompetenceRating, WorksheetKind
from plans import selectors
from plans.models import PopVersion, Trajectory

WIDTH, HEIGHT, PAD = 320, 160, 28


@dataclass
class Point:
    x: float
    y: float
    label: str
    value: int


@dataclass
class Line:
    css: str
    label: str = ""  # whose scores, for the dots' tooltips and screen readers
    points: list[Point] = field(default_factory=list)

    @property
    def svg_points(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


Scores = tuple[int | None, ...]


@dataclass
class CompetenceChart:
    name: str
    dates: list[str]
    lines: list[Line]
    ticks: list[tuple[float, int]]
    x_labels: list[tuple[float, str]]
    # The same scores as text (date, self, coach, floor): the SVG's dots are not read out.
    rows: list[tuple[str, Scores]] = field(default_factory=list)


@dataclass
class Bar:
    x: float
    width: float
    y: float
    height: float
    value: int
    css: str


@dataclass
class BarGroup:
    label: str
    label_x: float
    done: int
    total: int
    bars: list[Bar]


def _x(index: int, count: int) -> float:
    if count <= 1:
        return WIDTH / 2
    return PAD + index * (WIDTH - 2 * PAD) / (count - 1)


def _y(value: float, top: float, bottom: float = 0) -> float:
    span = (top - bottom) or 1
    return HEIGHT - PAD - (value - bottom) * (HEIGHT - 2 * PAD) / span


# The three voices of a competence measurement, in drawing order.
SERIES = (
    ("line-self", _("zelf")),
    ("line-coach", _("coach")),
    ("line-floor", _("werkvloerbegeleider")),
)
# How far apart dots with the same score at the same date are drawn, so none hides another.
SPREAD = 7.0


def competence_charts(
    measurements: list[tuple[str, list[tuple[str, Scores]]]],
) -> list[CompetenceChart]:
    """One small chart per competence: the worker's own rating, the coach's and the floor
    supervisor's, 1-5, over the measurements in date order. ``measurements``: (date
    label, [(competence, (self, coach, floor))])."""
    per_competence: OrderedDict[str, list[tuple[int, Scores]]] = OrderedDict()
    dates = [label for label, _rows in measurements]
    for index, (_label, rows) in enumerate(measurements):
        for name, scores in rows:
            per_competence.setdefault(name, []).append((index, scores))
    charts = []
    for name, values in per_competence.items():
        lines = [Line(css, str(label)) for css, label in SERIES]
        for index, scores in values:
            x = _x(index, len(dates))
            for line, value, dx in zip(lines, scores, _spread(scores), strict=True):
                if value is not None:
                    line.points.append(Point(x + dx, _y(value, 5, 1), dates[index], value))
        if not any(line.points for line in lines):
            continue  # a competence nobody rated yet draws nothing
        charts.append(
            CompetenceChart(
                name=name,
                dates=dates,
                lines=lines,
                ticks=[(_y(n, 5, 1), n) for n in range(1, 6)],
                x_labels=[(_x(i, len(dates)), d) for i, d in enumerate(dates)],
                rows=[(dates[index], scores) for index, scores in values],
            )
        )
    return charts


def _spread(scores: Scores) -> list[float]:
    """Horizontal offsets: raters who gave the same score sit side by side around the date."""
    offsets = [0.0] * len(scores)
    for value in {v for v in scores if v is not None}:
        same = [i for i, v in enumerate(scores) if v == value]
        for rank, i in enumerate(same):
            offsets[i] = (rank - (len(same) - 1) / 2) * SPREAD
    return offsets


def action_bars(versions: list[tuple[int, int, int]]) -> list[BarGroup]:
    """Per version (number, done, total): a bar for all actions and one for those done."""
    top = max((total for _n, _d, total in versions), default=0) or 1
    slot = (WIDTH - 2 * PAD) / max(len(versions), 1)
    width = min(slot / 3, 30)
    groups = []
    for index, (number, done, total) in enumerate(versions):
        left = PAD + index * slot + (slot - 2 * width) / 2
        bars = []
        for offset, value, css in ((0, total, "bar-total"), (width, done, "bar-done")):
            y = _y(value, top)
            bars.append(Bar(left + offset, width, y, HEIGHT - PAD - y, value, css))
        groups.append(BarGroup(f"v{number}", left + width, done, total, bars))
    return groups


def trajectory_growth(trajectory: Trajectory, *, for_worker: bool = False) -> dict:
    """Three queries whatever the history: versions with counts, and the ratings."""
    versions = PopVersion.objects.filter(trajectory=trajectory)
    if for_worker:
        versions = versions.filter(selectors.worker_sees_version(trajectory))
    versions = (
        versions.order_by("number")
        .annotate(
            total=Count("actions", distinct=True),
            # The follow-up's evaluation is the last word on an action, as in the comparison.
            done=Count(
                "actions",
                filter=Q(actions__progress=5) | Q(actions__evaluations__score=5),
                distinct=True,
            ),
        )
        .values_list("number", "done", "total")
    )
    measurements = _measurements(trajectory)
    return {
        "bars": action_bars(list(versions)),
        "charts": competence_charts(measurements),
        "width": WIDTH,
        "height": HEIGHT,
        "pad": PAD,
        "baseline": HEIGHT - PAD,
        "has_measurements": bool(measurements),
    }


def _measurements(trajectory: Trajectory) -> list[tuple[str, list[tuple[str, Scores]]]]:
    ratings = (
        CompetenceRating.objects.filter(
            worksheet__trajectory=trajectory,
            worksheet__method__worksheet_kind=WorksheetKind.COMPETENCES,
        )
        .select_related("competence", "worksheet")
        .order_by(
            "worksheet__created_at", "worksheet_id", "competence__position", "competence__name"
        )
    )
    by_sheet: OrderedDict[int, tuple[str, list]] = OrderedDict()
    for rating in ratings:
        label = timezone.localtime(rating.worksheet.created_at).strftime("%d/%m/%y")
        by_sheet.setdefault(rating.worksheet_id, (label, []))[1].append(
            (rating.competence.name, (rating.self_now, rating.coach, rating.floor))
        )
    return list(by_sheet.values())
