"""The portfolio: version comparison, evidence, reflection and supervision periods."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.db.models import Prefetch, prefetch_related_objects
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from methods.models import Worksheet
from plans import selectors, services
from plans.models import Action, ActionEvaluation, Goal, PopReflection, PopVersion, Trajectory
from plans.portfolio.models import Evidence, SupervisionPeriod
from popsite.accounts.models import User
from popsite.files import save_with_file
from popsite.links import url_for_each
from popsite.plain_sql import as_aware, placeholders, prefetched
from popsite.uploads import refuse_active_content

# Version comparison -----------------------------------------------------------


@dataclass(frozen=True)
class ActionRow:
    pk: int
    description: str
    progress: int = 0
    carried_from_id: int | None = None


@dataclass
class Comparison:
    added: list[ActionRow] = field(default_factory=list)
    dropped: list[ActionRow] = field(default_factory=list)
    carried_over: list[tuple[ActionRow, ActionRow]] = field(default_factory=list)
    completed: list[ActionRow] = field(default_factory=list)


def _same(text: str) -> str:
    return " ".join(text.lower().split())


def compare_actions(
    older: Sequence[ActionRow],
    newer: Sequence[ActionRow],
    scores: Mapping[int, int] | None = None,
) -> Comparison:
    """What changed between two versions' actions.

    An older action is *completed* when it reached 5 (its evaluation score in the
    newer version wins over its progress), *carried over* when a newer action comes
    from it (``carried_from``, or the same wording: a revision copies actions), and
    *dropped* otherwise. Newer actions that come from no older one are *added*.
    """
    scores = scores or {}
    result = Comparison()
    unmatched = list(newer)
    for old in older:
        match = next((n for n in unmatched if n.carried_from_id == old.pk), None)
        if match is None:
            match = next(
                (
                    n
                    for n in unmatched
                    if n.carried_from_id is None and _same(n.description) == _same(old.description)
                ),
                None,
            )
        if match is not None:
            unmatched.remove(match)
        if scores.get(old.pk, old.progress) >= 5:
            result.completed.append(old)
        elif match is not None:
            result.carried_over.append((old, match))
        else:
            result.dropped.append(old)
    result.added = unmatched
    return result


def _rows(pop: PopVersion) -> list[ActionRow]:
    return [
        ActionRow(a.pk, a.description, a.progress, a.carried_from_id) for a in pop.actions.all()
    ]


def pop_version_compare(*, older: PopVersion, newer: PopVersion) -> Comparison:
    if older.number > newer.number:
        older, newer = newer, older
    scores = {e.action_id: e.score for e in newer.evaluations.all() if e.score is not None}
    return compare_actions(_rows(older), _rows(newer), scores)


# Reads -----------------------------------------------------------------------


def portfolio_versions(trajectory: Trajectory, *, for_worker: bool) -> list[PopVersion]:
    """Every version in order with all it shows, in a fixed number of queries; the
    worker's own portfolio leaves out a draft their coach has not marked ready (read
    with the others, then left out: the same rule as ``worker_sees_version``). Only a
    later version looks back on the one before it, so only those read evaluations (a
    trajectory with one version: a query fewer)."""
    versions = list(trajectory.pop_versions.order_by("number").select_related("reflection"))
    if for_worker:
        versions = selectors.worker_sees(versions)
    actions = _attach_goals_and_actions(versions)
    prefetch_related_objects([a for a in actions if a.has_evidence], "evidence")
    later = [v for v in versions if v.previous_id is not None]
    if later:
        prefetch_related_objects(
            later,
            Prefetch("evaluations", queryset=ActionEvaluation.objects.select_related("action")),
        )
    # What each action's card shows, worked out once: its kind (in plain words for the
    # worker), its day, its boxes and its link to add evidence (one reverse() per version).
    language = get_language()
    for version in versions:
        evidence_url = url_for_each("plans:evidence-create", version.pk)
        for action in version.actions.all():
            action.evidence_url = evidence_url(action.pk)
            action.competence_shown = (
                action.plain_competence if for_worker else action.get_competence_display()
            )
            action.deadline_shown = action.deadline.strftime("%d/%m/%Y") if action.deadline else ""
            action.boxes_shown = _progress_boxes(action.progress, language)
            action.evidence_shown = list(action.evidence.all()) if action.has_evidence else []
    return versions


# The versions' goals and actions in plain SQL that SQLite runs too: through
# prefetch_related the two reads cost ~1 ms more a view than the database takes. Whether
# an action has evidence comes with it; only those that have some read it (most have
# none: a query less).
_GOAL_FIELDS = [f.attname for f in Goal._meta.concrete_fields]
_ACTION_FIELDS = [f.attname for f in Action._meta.concrete_fields]
_GOALS_SQL = (
    f"SELECT {', '.join(f.column for f in Goal._meta.concrete_fields)} FROM plans_goal"
    " WHERE pop_id IN ({pops}) ORDER BY id"
)
_ACTIONS_SQL = (
    f"SELECT {', '.join('a.' + f.column for f in Action._meta.concrete_fields)},"
    " EXISTS (SELECT 1 FROM plans_evidence e WHERE e.action_id = a.id)"
    " FROM plans_action a WHERE a.pop_id IN ({pops}) ORDER BY a.id"
)


def _attach_goals_and_actions(versions: list[PopVersion]) -> list[Action]:
    """Each version's goals and actions as its prefetched relations, each action with
    ``has_evidence``; all the actions, in the versions' order."""
    pops = [version.pk for version in versions]
    goals: dict[int, list[Goal]] = {pk: [] for pk in pops}
    actions: dict[int, list[Action]] = {pk: [] for pk in pops}
    if pops:
        with connection.cursor() as cursor:
            cursor.execute(_GOALS_SQL.format(pops=placeholders(pops)), pops)
            for row in cursor.fetchall():
                goal = Goal.from_db(connection.alias, _GOAL_FIELDS, row)
                goals[goal.pop_id].append(goal)
            cursor.execute(_ACTIONS_SQL.format(pops=placeholders(pops)), pops)
            for row in cursor.fetchall():
                action = Action.from_db(connection.alias, _ACTION_FIELDS, row[:-1])
                action.progress_changed_at = as_aware(action.progress_changed_at)
                action.has_evidence = bool(row[-1])
                actions[action.pop_id].append(action)
    for version in versions:
        prefetched(version, "goals", goals[version.pk])
        prefetched(version, "actions", actions[version.pk])
    return [action for version in versions for action in actions[version.pk]]


@lru_cache(maxsize=6 * len(settings.LANGUAGES))
def _progress_boxes(progress: int, language: str) -> str:
    """The five boxes that only show progress (no form), drawn once per process, score
    and language: an include per action card cost more than the rest of the card."""
    return render_to_string(
        "plans/_progress_boxes.html", {"action": {"progress": progress}, "form_url": ""}
    )


def worksheet_rows(trajectory: Trajectory) -> list[tuple[str, str, str]]:
    """The portfolio's list of worksheets, newest first: each one's method, day (d/m/Y,
    local time) and conclusion, as plain values."""
    return [
        (method, timezone.localtime(created_at).strftime("%d/%m/%Y"), conclusion)
        for method, created_at, conclusion in Worksheet.objects.filter(
            trajectory=trajectory
        ).values_list("method__name", "created_at", "conclusion")
    ]


# Evidence --------------------------------------------------------------------

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
# Checked on the bytes, not on the name or the browser's claim.
SIGNATURES = [
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
]


def sniff_content_type(upload: UploadedFile) -> str:
    if upload.size > MAX_EVIDENCE_BYTES:
        raise ValidationError(_("Het bestand is groter dan 10 MB."))
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for signature, content_type, _extension in SIGNATURES:
        if head.startswith(signature):
            refuse_active_content(upload, is_image=content_type.startswith("image/"))
            return content_type
    raise ValidationError(_("Dit bestand kan niet: kies een PDF, een JPEG- of een PNG-bestand."))


@transaction.atomic
def evidence_add(
    *, action: Action, by: User, note: str = "", upload: UploadedFile | None = None
) -> Evidence:
    if upload is None and not note.strip():
        raise ValidationError(_("Voeg een bestand of een toelichting toe."))
    evidence = Evidence(action=action, note=note.strip(), added_by=by)
    if upload is not None:
        evidence.content_type = sniff_content_type(upload)
        evidence.file_name = (upload.name or "bestand")[-200:]
        save_with_file(evidence, "file", evidence.file_name, upload)
    else:
        evidence.save()
    return evidence


# Reflection and supervision periods -------------------------------------------


@transaction.atomic
def pop_reflection_save(
    *,
    pop: PopVersion,
    by: User,
    goals_reached: str,
    guidance_helped: str,
    roles: str,
    final: bool = False,
    expected_version: int | None = None,
) -> PopReflection:
    """Only a later version looks back: version 1 holds goals only (seed 000)."""
    services.ensure_editable(pop)
    if pop.previous_id is None:
        raise ValidationError(_("De eerste versie heeft nog geen terugblik."))
    reflection, _created = PopReflection.objects.update_or_create(
        pop=pop,
        defaults={
            "goals_reached": goals_reached,
            "guidance_helped": guidance_helped,
            "roles": roles,
            "final": final,
        },
    )
    services.pop_mark_changed(pop, by=by, expected_version=expected_version)
    return reflection


@transaction.atomic
def supervision_period_add(
    *, trajectory: Trajectory, starts_on, ends_on=None, sessions: int = 10
) -> SupervisionPeriod:
    trajectory = Trajectory.objects.select_for_update().get(pk=trajectory.pk)
    if ends_on is not None and ends_on < starts_on:
        raise ValidationError(_("De einddatum ligt voor de begindatum."))
    last = trajectory.supervision_periods.order_by("-number").first()
    if last is not None and last.closing_pop_id is None:
        raise ValidationError(_("Sluit eerst de lopende periode af met een nieuwe POP-versie."))
    return SupervisionPeriod.objects.create(
        trajectory=trajectory,
        number=(last.number + 1) if last else 1,
        starts_on=starts_on,
        ends_on=ends_on,
        sessions=sessions,
    )


@transaction.atomic
def supervision_period_close(*, period: SupervisionPeriod, by: User) -> PopVersion:
    """A period ends with a new POP version that opens with the look back."""
    period = SupervisionPeriod.objects.select_for_update().get(pk=period.pk)
    if period.closing_pop_id is not None:
        raise ValidationError(_("Deze periode is al afgesloten."))
    pop = services.pop_start_follow_up(trajectory=period.trajectory, by=by)
    PopReflection.objects.create(pop=pop)
    period.closing_pop = pop
    period.save(update_fields=["closing_pop"])
    return pop
