"""Reads the methods pages share, each in a fixed number of queries."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects

from methods.models import (
    PICTURE_KINDS,
    ActionDetail,
    CardDeck,
    CompetenceDefinition,
    CompetencePicture,
    CompetenceRating,
    FunctionProfile,
    Method,
    PlannedMoment,
    Worksheet,
    WorksheetKind,
)
from methods.rules import catalogue_organisation_ids, manager_organisation_ids
from plans.models import PopVersion, Trajectory
from popsite.accounts.models import Role, User


def catalogue_for(user: User) -> QuerySet[Method]:
    methods = Method.objects.select_related("organisation")
    if user.is_staff:
        return methods
    return methods.for_organisations(catalogue_organisation_ids(user))


def methods_for_trajectory(trajectory: Trajectory) -> QuerySet[Method]:
    return Method.objects.for_organisations([trajectory.organisation_id])


def decks_for(user: User) -> QuerySet[CardDeck]:
    decks = CardDeck.objects.select_related("organisation").prefetch_related("cards")
    if user.is_staff:
        return decks
    return decks.filter(
        Q(organisation__isnull=True) | Q(organisation__in=catalogue_organisation_ids(user))
    )


def managed_decks_ids(user: User) -> list[int]:
    return manager_organisation_ids(user)


def planned_moments(trajectory: Trajectory) -> QuerySet[PlannedMoment]:
    return trajectory.planned_moments.with_methods().order_by("position", "pk")


def worksheets_of(trajectory: Trajectory) -> QuerySet[Worksheet]:
    return trajectory.worksheets.for_list()


def worksheet_with_content(queryset: QuerySet[Worksheet]) -> QuerySet[Worksheet]:
    return queryset.select_related(
        "method",
        "deck",
        "contact_moment",
        "created_by",
        "trajectory__worker",
        "trajectory__organisation",
    ).prefetch_related(
        "trajectory__coaches",
        "quality_picks",
        "skills",
        Prefetch(
            "ratings",
            queryset=CompetenceRating.objects.select_related(
                "competence", "self_by", "coach_by", "floor_by"
            ),
        ),
        Prefetch(
            "competence_pictures",
            queryset=CompetencePicture.objects.select_related("competence"),
        ),
        "scan_actions__promoted",
        "smart_actions__promoted",
        "pictures",
        "promoted__summary_item",
        "promoted__action",
    )


def worksheet_base(queryset: QuerySet[Worksheet]) -> QuerySet[Worksheet]:
    """A worksheet with what the rules and every worksheet page read: its method (which
    says its kind), the talk, the trajectory with worker and organisation (its coaches
    follow in plain SQL, ``plans.selectors.attach_trajectory_coaches``). Its content
    follows with ``prefetch_worksheet_content``, once the kind is known."""
    return queryset.select_related(
        "method", "contact_moment", "trajectory__worker", "trajectory__organisation"
    )


def _rows_of_kind(kind: str) -> list[str | Prefetch]:
    """The relations a worksheet of this kind can have rows in: a sheet holds the rows
    of its own kind only, so the other tables need no query (``sheet_context`` and the
    page read only these)."""
    lookups: list[str | Prefetch] = ["promoted__summary_item", "promoted__action"]
    if kind == WorksheetKind.QUALITIES:
        lookups += ["deck", "quality_picks"]
    elif kind == WorksheetKind.SKILLS:
        lookups.append("skills")
    elif kind == WorksheetKind.COMPETENCES:
        lookups.append(
            Prefetch(
                "ratings",
                queryset=CompetenceRating.objects.select_related(
                    "competence", "self_by", "coach_by", "floor_by"
                ),
            )
        )
    elif kind == WorksheetKind.FOUR_IN_ROW:
        lookups.append(
            Prefetch(
                "competence_pictures",
                queryset=CompetencePicture.objects.select_related("competence"),
            )
        )
    elif kind == WorksheetKind.SCAN:
        lookups.append("scan_actions__promoted")
    elif kind == WorksheetKind.SMART:
        lookups.append("smart_actions__promoted")
    if kind in PICTURE_KINDS:
        lookups.append("pictures")
    return lookups


def prefetch_worksheet_content(worksheet: Worksheet) -> Worksheet:
    """Read the rows of the worksheet's own kind (``_rows_of_kind``) in one query each."""
    prefetch_related_objects([worksheet], *_rows_of_kind(worksheet.kind))
    return worksheet


def action_details(pop: PopVersion) -> dict[int, ActionDetail]:
    """The scan's and SMART's extra fields of this version's actions, in one query."""
    details = ActionDetail.objects.filter(action__pop=pop).select_related("develops")
    return {d.action_id: d for d in details}


def cycle_worksheets(pop: PopVersion) -> QuerySet[Worksheet]:
    """The worksheets of this POP's cycle: made after the previous cycle's POP was agreed,
    and, once this version is agreed, not after that."""
    first = pop
    while not first.is_follow_up and first.previous_id is not None:
        first = first.previous
    sheets = worksheet_with_content(Worksheet.objects.filter(trajectory=pop.trajectory_id))
    if first.is_follow_up and first.previous is not None and first.previous.agreed_at:
        sheets = sheets.filter(created_at__gt=first.previous.agreed_at)
    if pop.agreed_at:
        sheets = sheets.filter(created_at__lte=pop.agreed_at)
    return sheets.order_by("created_at", "pk")


def dictionary_of(organisation_id: int) -> QuerySet[CompetenceDefinition]:
    """The competences an action of this organisation can name: its own and the defaults."""
    return CompetenceDefinition.objects.filter(
        Q(organisation__isnull=True) | Q(organisation=organisation_id)
    )


def competences_for(user: User) -> QuerySet[CompetenceDefinition]:
    """The eleven defaults and the dictionaries of the user's organisations."""
    competences = CompetenceDefinition.objects.select_related("organisation")
    if user.is_staff:
        return competences
    return competences.filter(
        Q(organisation__isnull=True) | Q(organisation__in=catalogue_organisation_ids(user))
    )


def profiles_for(user: User) -> QuerySet[FunctionProfile]:
    profiles = FunctionProfile.objects.select_related("organisation").prefetch_related(
        "competences", "levels"
    )
    if user.is_staff:
        return profiles
    return profiles.filter(organisation__in=catalogue_organisation_ids(user))


def sheets_to_rate(user: User) -> QuerySet[Worksheet]:
    """Competence measurements of the workers assigned to this floor supervisor, in the
    organisations where they still hold that role (the list form of
    ``methods.rules.supervises_floor_of``)."""
    organisation_ids = user.organisation_ids(Role.FLOOR_SUPERVISOR)
    return (
        Worksheet.objects.filter(
            trajectory__floor_supervisor=user,
            trajectory__organisation__in=organisation_ids,
            method__worksheet_kind=WorksheetKind.COMPETENCES,
        )
        .select_related("method", "trajectory__worker")
        .order_by("-created_at", "-pk")
    )
