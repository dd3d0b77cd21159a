"""Growth at a glance: chart geometry computed here, drawn as inline SVG by the template
(the Content-Security-Policy allows no scripts or inline styles)."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

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
    points: list[Point] = field(default_factory=list)

    @property
    def svg_points(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


@dataclass
class CompetenceChart:
    name: str
    dates: list[str]
    lines: list[Line]
    ticks: list[tuple[float, int]]
    x_labels: list[tuple[float, str]]


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


def competence_charts(
    measurements: list[tuple[str, list[tuple[str, int | None, int | None]]]],
) -> list[CompetenceChart]:
    """One small chart per competence: the worker's own rating and the other's, 1-5,
    over the measurements in date order. ``measurements``: (date label, [(competence,
    self, other)])."""
    per_competence: OrderedDict[str, list[tuple[int, int | None, int | None]]] = OrderedDict()
    dates = [label for label, _rows in measurements]
    for index, (_label, rows) in enumerate(measurements):
        for name, own, other in rows:
            per_competence.setdefault(name, []).append((index, own, other))
    charts = []
    for name, values in per_competence.items():
        own_line, other_line = Line("line-self"), Line("line-other")
        for index, own, other in values:
            x = _x(index, len(dates))
            if own is not None:
                own_line.points.append(Point(x, _y(own, 5, 1), dates[index], own))
            if other is not None:
                other_line.points.append(Point(x, _y(other, 5, 1), dates[index], other))
        charts.append(
            CompetenceChart(
                name=name,
                dates=dates,
                lines=[own_line, other_line],
                ticks=[(_y(n, 5, 1), n) for n in range(1, 6)],
                x_labels=[(_x(i, len(dates)), d) for i, d in enumerate(dates)],
            )
        )
    return charts


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


def trajectory_growth(trajectory: Trajectory) -> dict:
    """Three queries whatever the history: versions with counts, and the ratings."""
    versions = (
        PopVersion.objects.filter(trajectory=trajectory)
        .order_by("number")
        .annotate(total=Count("actions"), done=Count("actions", filter=Q(actions__progress=5)))
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


def _measurements(
    trajectory: Trajectory,
) -> list[tuple[str, list[tuple[str, int | None, int | None]]]]:
    # The competence measurement worksheets belong to the methods app.
    from methods.models import CompetenceRating, WorksheetKind

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
            (rating.competence.name, rating.self_now, rating.other)
        )
    return list(by_sheet.values())
