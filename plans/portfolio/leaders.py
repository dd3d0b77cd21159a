"""For leaders: the team matrix (seed 003) and POP templates per function."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from plans import services
from plans.models import Action, Phase, PopVersion, SummaryItem, SummarySection, Trajectory
from plans.portfolio.models import (
    NeedScope,
    PopTemplate,
    PopTemplateItem,
    TeamItemKind,
    TeamMatrixItem,
    TeamNeed,
    TemplateItemKind,
)
from popsite.accounts.models import Organisation, User

# Team matrix --------------------------------------------------------------------


@dataclass
class MatrixRow:
    worker: User
    cells: list[set[str]]


@dataclass
class NeedMatch:
    need: TeamNeed
    workers: list[User]  # who shared the same competence or task


@dataclass
class TeamMatrix:
    organisation: Organisation
    labels: list[str]
    rows: list[MatrixRow]
    # How many workers share each column: a team need when it is large.
    totals: list[int]
    needs: list[NeedMatch] = field(default_factory=list)


def _key(label: str) -> str:
    return " ".join(label.lower().split())


def _matches(need: str, label: str) -> bool:
    """The same competence or task, also when one says a little more ("plannen" and
    "plannen van het werk")."""
    need, label = _key(need), _key(label)
    return need == label or need in label or label in need


def build_team_matrix(
    organisation: Organisation, items: list[TeamMatrixItem], needs: list[TeamNeed] = ()
) -> TeamMatrix:
    """Workers x competences/tasks from shared items only; a cell holds the kinds found."""
    labels: OrderedDict[str, str] = OrderedDict()
    for item in sorted(items, key=lambda i: _key(i.label)):
        labels.setdefault(_key(item.label), item.label.strip())
    columns = {key: index for index, key in enumerate(labels)}
    rows: OrderedDict[int, MatrixRow] = OrderedDict()
    for item in sorted(items, key=lambda i: (str(i.trajectory.worker), i.trajectory.worker_id)):
        if not item.shared_with_team:
            continue  # never shown, even if a caller passed it
        worker = item.trajectory.worker
        row = rows.setdefault(worker.pk, MatrixRow(worker, [set() for _ in labels]))
        row.cells[columns[_key(item.label)]].add(item.kind)
    totals = [sum(1 for row in rows.values() if row.cells[i]) for i in range(len(labels))]
    keep = [i for i, total in enumerate(totals) if total]
    shared = [i for i in items if i.shared_with_team]
    matches = []
    for need in needs:
        workers: OrderedDict[int, User] = OrderedDict()
        for item in shared:
            if _matches(need.label, item.label):
                workers.setdefault(item.trajectory.worker_id, item.trajectory.worker)
        matches.append(NeedMatch(need, list(workers.values())))
    return TeamMatrix(
        organisation=organisation,
        labels=[list(labels.values())[i] for i in keep],
        rows=[MatrixRow(r.worker, [r.cells[i] for i in keep]) for r in rows.values()],
        totals=[totals[i] for i in keep],
        needs=matches,
    )


def team_matrices(organisations: QuerySet[Organisation]) -> list[TeamMatrix]:
    items = list(
        TeamMatrixItem.objects.filter(
            shared_with_team=True, trajectory__organisation__in=organisations
        )
        .exclude(trajectory__phase=Phase.AFGEROND)
        .select_related("trajectory__worker")
    )
    needs = list(TeamNeed.objects.filter(organisation__in=organisations))
    return [
        build_team_matrix(
            o,
            [i for i in items if i.trajectory.organisation_id == o.pk],
            [n for n in needs if n.organisation_id == o.pk],
        )
        for o in organisations
    ]


@transaction.atomic
def team_need_add(*, organisation: Organisation, label: str, scope: str, by: User) -> TeamNeed:
    label = label.strip()
    if not label:
        raise ValidationError(_("Vul een competentie of taak in."))
    if scope not in NeedScope.values:
        raise ValidationError(_("Kies voor wie het nodig is: het team of de organisatie."))
    if organisation.team_needs.filter(label__iexact=label, scope=scope).exists():
        raise ValidationError(_("Die behoefte staat er al."))
    return TeamNeed.objects.create(organisation=organisation, label=label, scope=scope, added_by=by)


@transaction.atomic
def team_item_add(
    *, trajectory: Trajectory, label: str, kind: str, shared_with_team: bool = False
) -> TeamMatrixItem:
    label = label.strip()
    if not label:
        raise ValidationError(_("Vul een competentie of taak in."))
    if kind not in TeamItemKind.values:
        raise ValidationError(_("Kies een soort uit de lijst."))
    if any(_key(i.label) == _key(label) and i.kind == kind for i in trajectory.team_items.all()):
        raise ValidationError(_("Dat punt staat er al."))
    return TeamMatrixItem.objects.create(
        trajectory=trajectory, label=label, kind=kind, shared_with_team=shared_with_team
    )


def team_item_share(*, item: TeamMatrixItem, shared: bool) -> TeamMatrixItem:
    item.shared_with_team = shared
    item.save(update_fields=["shared_with_team"])
    return item


# POP templates ----------------------------------------------------------------


def templates_for(trajectory: Trajectory) -> QuerySet[PopTemplate]:
    return PopTemplate.objects.filter(organisation=trajectory.organisation).prefetch_related(
        "items"
    )


@transaction.atomic
def pop_apply_template(
    *,
    pop: PopVersion,
    items: list[PopTemplateItem],
    by: User,
    expected_version: int | None = None,
) -> int:
    """Copy the suggestions the coach ticked into a draft POP. Actions arrive without a
    deadline or result: the coach and worker still make them SMART before agreeing."""
    services.ensure_editable(pop)
    if not items:
        raise ValidationError(_("Kies minstens één voorstel."))
    if any(item.template.organisation_id != pop.trajectory.organisation_id for item in items):
        raise ValidationError(_("Dit sjabloon hoort bij een andere organisatie."))
    for item in items:
        if item.kind == TemplateItemKind.DEVELOP:
            SummaryItem.objects.create(
                pop=pop, section=SummarySection.DEVELOP, text=item.text, competence=item.competence
            )
        else:
            Action.objects.create(pop=pop, description=item.text, competence=item.competence)
    services.pop_mark_changed(pop, by=by, expected_version=expected_version)
    return len(items)
