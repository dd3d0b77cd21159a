"""Writes that span several rows: each runs in a single transaction and either
saves everything or nothing."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from methods.models import (
    ActionDetail,
    Card,
    CardDeck,
    CardKind,
    CompetenceDefinition,
    CompetencePicture,
    CompetenceRating,
    DeckKind,
    FunctionProfile,
    Method,
    MomentKind,
    PlannedMoment,
    PopItemSource,
    QualityPick,
    ScanAction,
    SmartAction,
    VariantStep,
    Worksheet,
    WorksheetKind,
)
from methods.sheets import HOMEWORK_FIELDS, TEXT_SHEETS
from plans import services as plan_services
from plans.models import (
    Action,
    ContactKind,
    ContactMoment,
    LanguageSkill,
    Phase,
    PopVersion,
    ProgressTalk,
    SummaryItem,
    SummarySection,
    Trajectory,
)
from plans.variants import Variant
from popsite.accounts.models import User
from popsite.plain_sql import as_date

MAX_QUALITIES = 8


# Planned talks ---------------------------------------------------------------

# The draaiboek gives each variant its number of talks (§4.5.1), not their spacing:
# the proposed rhythm follows the intensity, more talks closer together. Only a
# proposal: the coach moves any date on the planning page.
RHYTHM_WEEKS = {
    Variant.BASIS: 3,
    Variant.V1: 4,
    Variant.V2: 4,
    Variant.V3: 2,
    Variant.V4: 2,
}
FIRST_TALK_AFTER = datetime.timedelta(days=7)


def proposed_dates(kinds: Sequence[str], variant: str, start: datetime.date) -> list[datetime.date]:
    """A date per talk: talks with the worker one rhythm apart, an interim meeting
    with the floor supervisor halfway to the next talk."""
    step = datetime.timedelta(weeks=RHYTHM_WEEKS.get(variant, 3))
    half = datetime.timedelta(days=step.days // 2)
    dates: list[datetime.date] = []
    previous = None
    for kind in kinds:
        if kind == MomentKind.INTERIM:
            dates.append(previous + half if previous else start)
            continue
        previous = previous + step if previous else start
        dates.append(previous)
    return dates


@transaction.atomic
def trajectory_plan_variant(
    *, trajectory: Trajectory, variant: str | None = None, today: datetime.date | None = None
) -> list[PlannedMoment]:
    """Plan the talks of the variant with proposed dates; talks already held stay,
    the rest is replaced."""
    variant = variant or trajectory.variant
    steps = list(
        VariantStep.objects.filter(variant=variant).prefetch_related("methods").order_by("position")
    )
    trajectory.planned_moments.filter(contact_moment__isnull=True).delete()
    held = set(trajectory.planned_moments.exclude(number=None).values_list("number", flat=True))
    steps = [s for s in steps if s.number is None or s.number not in held]
    start = max(today or timezone.localdate(), trajectory.started_on) + FIRST_TALK_AFTER
    dates = proposed_dates([s.kind for s in steps], variant, start)
    planned = []
    for step, day in zip(steps, dates, strict=True):
        moment = PlannedMoment.objects.create(
            planned_on=day,
            trajectory=trajectory,
            position=step.position * 10,
            number=step.number,
            kind=step.kind,
            phase=step.phase,
            questions=step.questions,
            goals=step.goals,
        )
        moment.methods.set(step.methods.all())
        planned.append(moment)
    return planned


@transaction.atomic
def tick_off_planned_moment(contact: ContactMoment) -> PlannedMoment | None:
    """A contact moment recorded: it realises the first open planned talk of its kind,
    which takes its date (a contact dated ahead is the appointment)."""
    kind = MomentKind.INTERIM if contact.kind == ContactKind.INTERIM else MomentKind.CONTACT
    moment = (
        PlannedMoment.objects.select_for_update()
        .filter(trajectory=contact.trajectory_id, contact_moment__isnull=True, kind=kind)
        .order_by("position", "pk")
        .first()
    )
    if moment is not None:
        moment.contact_moment, moment.planned_on = contact, contact.date
        moment.save(update_fields=["contact_moment", "planned_on"])
    return moment


@dataclass(frozen=True)
class Talk:
    """One talk on a calendar: a planned talk, a contact moment or a progress talk."""

    day: datetime.date
    trajectory: Trajectory
    title: str
    topic: str
    uid: str
    minutes: int = 60


def _talks_ahead(trajectory_pks: Iterable[int], today: datetime.date) -> tuple:
    """The three kinds of dated talk with the worker still ahead (today included):
    planned talks not yet held, contact moments dated ahead (never an interim meeting
    without the worker), progress talks not yet held."""
    return _talks_ahead_of(Q(trajectory__in=trajectory_pks), today)


def _talks_ahead_of(trajectories: Q, today: datetime.date) -> tuple:
    moments = PlannedMoment.objects.filter(
        trajectories,
        contact_moment__isnull=True,
        kind=MomentKind.CONTACT,
        planned_on__gte=today,
    )
    contacts = ContactMoment.objects.filter(trajectories, date__gte=today).exclude(
        kind=ContactKind.INTERIM
    )
    progress = ProgressTalk.objects.filter(
        trajectories, held_at__isnull=True, planned_on__gte=today
    )
    return moments, contacts, progress


def next_talk_columns(today: datetime.date) -> dict[str, Subquery]:
    """The next talk's day of each kind, as columns for a trajectory list's own query
    (an index lookup per row, no query of their own); the earliest of the three that
    is set is the next talk."""
    moments, contacts, progress = _talks_ahead_of(Q(trajectory=OuterRef("pk")), today)
    return {
        "next_planned": Subquery(moments.order_by("planned_on").values("planned_on")[:1]),
        "next_contact": Subquery(contacts.order_by("date").values("date")[:1]),
        "next_progress": Subquery(progress.order_by("planned_on").values("planned_on")[:1]),
    }


def upcoming_talks(
    trajectories: Iterable[Trajectory],
    *,
    today: datetime.date | None = None,
    limit: int | None = 200,
) -> list[Talk]:
    """The dated talks with the worker still ahead, soonest first, never of a closed
    trajectory. Three queries whatever the number of trajectories (a list page passes
    the rows it already read)."""
    today = today or timezone.localdate()
    by_pk = {t.pk: t for t in trajectories if t.phase != Phase.AFGEROND}
    moments, contacts, progress = _talks_ahead(by_pk, today)
    moments = moments.order_by("planned_on", "pk")[:limit]
    contacts = contacts.select_related("planned_moment").order_by("date", "pk")[:limit]
    progress = progress.order_by("planned_on", "pk")[:limit]
    talks = [
        Talk(m.planned_on, by_pk[m.trajectory_id], str(m), m.plain_topic(), f"planned-{m.pk}")
        for m in moments
    ]
    talks += [
        Talk(
            c.date,
            by_pk[c.trajectory_id],
            c.get_kind_display(),
            c.planned_moment.plain_topic() if hasattr(c, "planned_moment") else "",
            f"contact-{c.pk}",
            c.duration_minutes,
        )
        for c in contacts
    ]
    talks += [_progress_talk(p.planned_on, by_pk[p.trajectory_id], p.pk) for p in progress]
    return sorted(talks, key=lambda t: (t.day, t.uid))[:limit]


# The next talk of one trajectory, for the worker home, in one plain query that SQLite
# runs too: the first not yet held of each kind by day, then the first of the three
# (``upcoming_talks``'s order; a test compares the two). Built with the ORM, its reads
# cost ~3.5 ms of Python a view for 0.1 ms in the database. The rule is
# ``_talks_ahead_of``'s: a planned talk not yet held, a contact moment ahead that is not
# an interim meeting without the worker, a progress talk not yet held. (PostgreSQL types
# a bare NULL of a subquery as text: the whole numbers are cast.)
_NEXT_TALKS_SQL = """
SELECT * FROM (
  SELECT 'planned', m.id, m.planned_on, NULL, CAST(NULL AS INTEGER), m.kind, m.number,
         m.questions
    FROM methods_plannedmoment m
   WHERE m.trajectory_id = %(trajectory)s AND m.contact_moment_id IS NULL
     AND m.kind = %(contact)s AND m.planned_on >= %(today)s
   ORDER BY m.planned_on, m.id LIMIT 1) planned
UNION ALL
SELECT * FROM (
  SELECT 'contact', c.id, c.date, c.kind, c.duration_minutes, m.kind, m.number, m.questions
    FROM plans_contactmoment c
    LEFT JOIN methods_plannedmoment m ON m.contact_moment_id = c.id
   WHERE c.trajectory_id = %(trajectory)s AND c.date >= %(today)s AND c.kind <> %(interim)s
   ORDER BY c.date, c.id LIMIT 1) contact
UNION ALL
SELECT * FROM (
  SELECT 'progress', p.id, p.planned_on, NULL, CAST(NULL AS INTEGER), NULL,
         CAST(NULL AS INTEGER), NULL
    FROM plans_progresstalk p
   WHERE p.trajectory_id = %(trajectory)s AND p.held_at IS NULL AND p.planned_on >= %(today)s
   ORDER BY p.planned_on, p.id LIMIT 1) progress
""".strip()


def next_talk(trajectory: Trajectory, today: datetime.date | None = None) -> Talk | None:
    """The first of ``upcoming_talks`` for one trajectory, in one query."""
    if trajectory.phase == Phase.AFGEROND:
        return None
    today = today or timezone.localdate()
    with connection.cursor() as cursor:
        cursor.execute(
            _NEXT_TALKS_SQL,
            {
                "trajectory": trajectory.pk,
                "today": today,
                "contact": MomentKind.CONTACT,
                "interim": ContactKind.INTERIM,
            },
        )
        rows = cursor.fetchall()
    talks = [_next_talk(trajectory, *row) for row in rows]
    return min(talks, key=lambda t: (t.day, t.uid), default=None)


def _next_talk(
    trajectory: Trajectory,
    source: str,
    pk: int,
    day: datetime.date | str,
    contact_kind: str | None,
    minutes: int | None,
    *planned: object,
) -> Talk:
    day = as_date(day)
    moment = (
        None
        if planned[0] is None
        else PlannedMoment(kind=planned[0], number=planned[1], questions=planned[2])
    )
    if source == "planned":
        return Talk(day, trajectory, str(moment), moment.plain_topic(), f"planned-{pk}")
    if source == "contact":
        return Talk(
            day,
            trajectory,
            str(ContactKind(contact_kind).label),
            moment.plain_topic() if moment else "",
            f"contact-{pk}",
            minutes,
        )
    return _progress_talk(day, trajectory, pk)


def _progress_talk(day: datetime.date, trajectory: Trajectory, pk: int) -> Talk:
    return Talk(
        day,
        trajectory,
        str(_("Voortgangsgesprek")),
        str(_("We praten over hoe het gaat en wat je hierna wilt leren.")),
        f"progress-{pk}",
    )


def next_planned_moment(trajectory: Trajectory) -> PlannedMoment | None:
    return (
        trajectory.planned_moments.filter(contact_moment__isnull=True)
        .prefetch_related("methods")
        .order_by("position", "pk")
        .first()
    )


# Worksheets ------------------------------------------------------------------


def default_deck(trajectory: Trajectory) -> CardDeck | None:
    """The organisation's own deck first; the plus deck, with simpler words, for a worker
    with low language skills (draaiboek §5.4: "laagtaalvaardigen")."""
    kind = DeckKind.PLUS if trajectory.language_skills == LanguageSkill.LOW else DeckKind.STANDARD
    decks = CardDeck.objects.filter(
        Q(organisation=trajectory.organisation_id) | Q(organisation__isnull=True)
    )
    own = decks.filter(organisation=trajectory.organisation_id)
    shipped = decks.filter(organisation__isnull=True)
    return (
        own.filter(kind=kind).first()
        or own.first()
        or shipped.filter(kind=kind).first()
        or shipped.first()
    )


def competence_dictionary(organisation_id: int) -> list[CompetenceDefinition]:
    """The organisation's own dictionary, or the eleven defaults when it has none."""
    own = list(CompetenceDefinition.objects.filter(organisation=organisation_id))
    return own or list(CompetenceDefinition.objects.filter(organisation__isnull=True))


@transaction.atomic
def worksheet_create(
    *,
    trajectory: Trajectory,
    method: Method,
    by: User,
    contact_moment: ContactMoment | None = None,
    deck: CardDeck | None = None,
    profile: FunctionProfile | None = None,
) -> Worksheet:
    if contact_moment is not None and contact_moment.trajectory_id != trajectory.pk:
        raise ValidationError(_("Dat contactmoment hoort niet bij dit traject."))
    if method.organisation_id not in (None, trajectory.organisation_id):
        raise ValidationError(_("Die methodiek hoort bij een andere organisatie."))
    if method.worksheet_kind == WorksheetKind.QUALITIES:
        deck = deck or default_deck(trajectory)
        if deck is None or deck.organisation_id not in (None, trajectory.organisation_id):
            raise ValidationError(_("Kies een kaartspel van je organisatie."))
    else:
        deck = None
    worksheet = Worksheet.objects.create(
        trajectory=trajectory,
        method=method,
        contact_moment=contact_moment,
        deck=deck,
        created_by=by,
    )
    if method.worksheet_kind in (WorksheetKind.COMPETENCES, WorksheetKind.FOUR_IN_ROW):
        if profile is not None and profile.organisation_id != trajectory.organisation_id:
            raise ValidationError(_("Dat functieprofiel hoort bij een andere organisatie."))
        competences = (
            list(profile.competences.all())
            if profile is not None
            else competence_dictionary(trajectory.organisation_id)
        )
        row = (
            CompetenceRating
            if method.worksheet_kind == WorksheetKind.COMPETENCES
            else CompetencePicture
        )
        row.objects.bulk_create(row(worksheet=worksheet, competence=c) for c in competences)
    return worksheet


@transaction.atomic
def worksheet_save_answers(*, worksheet: Worksheet, answers: dict, conclusion: str) -> None:
    fields = TEXT_SHEETS.get(worksheet.kind, ())
    worksheet.answers = {
        f.key: answers.get(f.key, [] if f.choices and not f.single else "") for f in fields
    }
    worksheet.conclusion = conclusion
    worksheet.save(update_fields=["answers", "conclusion", "updated_at"])


@transaction.atomic
def worksheet_save_homework(*, worksheet: Worksheet, answers: dict) -> None:
    """The worker's homework: only its own questions change, the talk's answers stay."""
    keys = HOMEWORK_FIELDS.get(worksheet.kind, ())
    if not keys:
        raise ValidationError(_("Dit werkblad heeft geen huiswerkvragen."))
    worksheet = Worksheet.objects.select_for_update().get(pk=worksheet.pk)
    worksheet.answers = {**worksheet.answers, **{key: answers.get(key, []) for key in keys}}
    worksheet.save(update_fields=["answers", "updated_at"])


@transaction.atomic
def worksheet_save_qualities(
    *,
    worksheet: Worksheet,
    qualities: Sequence[Card],
    pitfalls: Sequence[Card] = (),
    conclusion: str = "",
) -> None:
    """Up to eight qualities in order of importance, optionally pitfalls too."""
    errors = []
    for cards, kind, name in (
        (qualities, CardKind.QUALITY, _("kwaliteiten")),
        (pitfalls, CardKind.PITFALL, _("valkuilen")),
    ):
        if len(cards) > MAX_QUALITIES:
            errors.append(
                _("Kies hoogstens %(max)s %(name)s; je koos er %(n)s.")
                % {"max": MAX_QUALITIES, "name": name, "n": len(cards)}
            )
        if len({c.pk for c in cards}) != len(cards):
            errors.append(
                _("Elke kaart mag maar één keer gekozen worden (%(name)s).") % {"name": name}
            )
        if any(c.deck_id != worksheet.deck_id or c.kind != kind for c in cards):
            errors.append(_("Kies alleen %(name)s uit het gekozen kaartspel.") % {"name": name})
    if errors:
        raise ValidationError(errors)
    worksheet.quality_picks.all().delete()
    QualityPick.objects.bulk_create(
        [
            QualityPick(worksheet=worksheet, kind=c.kind, rank=rank, card=c, text=c.text)
            for cards in (qualities, pitfalls)
            for rank, c in enumerate(cards, start=1)
        ]
    )
    worksheet.conclusion = conclusion
    worksheet.save(update_fields=["conclusion", "updated_at"])


@transaction.atomic
def worksheet_save_rows(*, worksheet: Worksheet, formset, conclusion: str) -> None:
    """Save a validated formset of rows (skills, ratings, scan actions) and the conclusion;
    sheets without rows (pictures, interview) save the conclusion alone."""
    if formset is not None:
        formset.save()
    worksheet.conclusion = conclusion
    worksheet.save(update_fields=["conclusion", "updated_at"])


def ratings_stamp(*, formset, by: User, raters: Sequence[str]) -> None:
    """Sign the columns of each rater whose scores changed in a validated formset."""
    for row in formset.forms:
        if row.has_changed():
            for rater in raters:
                row.instance.stamp(rater, by, row.changed_data)


@transaction.atomic
def ratings_save(*, formset, by: User, rater: str) -> None:
    """Save one rater's scores (the coach's or floor supervisor's own sheet)."""
    ratings_stamp(formset=formset, by=by, raters=[rater])
    formset.save()


@transaction.atomic
def deck_save_cards(*, deck: CardDeck, qualities: list[str], pitfalls: list[str]) -> None:
    """Replace the deck's cards by these texts; worksheets keep the texts they picked."""
    for kind, texts in ((CardKind.QUALITY, qualities), (CardKind.PITFALL, pitfalls)):
        existing = {c.text: c for c in deck.cards.filter(kind=kind)}
        keep = []
        for position, text in enumerate(texts):
            card = existing.get(text)
            if card is None:
                card = Card.objects.create(deck=deck, kind=kind, text=text, position=position)
            elif card.position != position:
                card.position = position
                card.save(update_fields=["position"])
            keep.append(card.pk)
        deck.cards.filter(kind=kind).exclude(pk__in=keep).delete()


# From worksheet to POP ---------------------------------------------------------


def pop_to_fill(trajectory: Trajectory) -> PopVersion:
    """The POP version a conclusion goes into: the latest, if it may still change."""
    pop = trajectory.pop_versions.select_related("trajectory").order_by("-number").first()
    if pop is None:
        raise ValidationError(_("Dit traject heeft nog geen POP."))
    plan_services.ensure_editable(pop)
    return pop


@transaction.atomic
def worksheet_promote_summary(
    *, worksheet: Worksheet, section: str, text: str, competence: str = ""
) -> SummaryItem:
    if section not in SummarySection.values:
        raise ValidationError(_("Kies een onderdeel van de samenvatting."))
    if not text.strip():
        raise ValidationError(_("Schrijf wat er in de POP moet komen."))
    pop = pop_to_fill(worksheet.trajectory)
    item = SummaryItem(pop=pop, section=section, text=text.strip(), competence=competence)
    item.full_clean()
    item.save()
    PopItemSource.objects.create(worksheet=worksheet, summary_item=item)
    plan_services.pop_mark_changed(pop)
    return item


@transaction.atomic
def action_set_develops(
    *,
    action: Action,
    competence: CompetenceDefinition | None,
    by: User,
    expected_version: int | None = None,
) -> ActionDetail:
    """Name the dictionary competence an action of the plan develops (or none)."""
    pop = action.pop
    plan_services.ensure_editable(pop)
    organisation_id = pop.trajectory.organisation_id
    if competence is not None and competence.organisation_id not in (None, organisation_id):
        raise ValidationError(_("Die competentie hoort bij een andere organisatie."))
    detail, _created = ActionDetail.objects.get_or_create(action=action)
    detail.develops = competence
    detail.save(update_fields=["develops"])
    plan_services.pop_mark_changed(pop, by=by, expected_version=expected_version)
    return detail


@dataclass
class ActionInput:
    description: str
    competence: str
    helper: str = ""
    deadline: datetime.date | None = None
    expected_result: str = ""


@transaction.atomic
def worksheet_promote_action(
    *,
    worksheet: Worksheet,
    action: ActionInput,
    detail: dict | None = None,
    scan_action: ScanAction | None = None,
    smart_action: SmartAction | None = None,
) -> Action:
    """Put an action in the plan, with the scan's extra fields when given."""
    for row in (scan_action, smart_action):
        if row is not None and row.worksheet_id != worksheet.pk:
            raise ValidationError(_("Die actie hoort niet bij dit werkblad."))
    if scan_action is not None and not (scan_action.worker_agrees and scan_action.coach_agrees):
        raise ValidationError(
            _(
                "Alleen een actie waarmee werknemer en coach allebei akkoord gaan, komt in "
                "het actieplan. Duid het akkoord aan op hun scoreblad."
            )
        )
    pop = pop_to_fill(worksheet.trajectory)
    row = Action(
        pop=pop,
        description=action.description.strip(),
        competence=action.competence,
        helper=action.helper,
        deadline=action.deadline,
        expected_result=action.expected_result,
    )
    row.full_clean(exclude=["goal", "carried_from"])
    row.save()
    if detail:
        extra = ActionDetail(action=row, **detail)
        extra.full_clean()
        extra.save()
    PopItemSource.objects.create(
        worksheet=worksheet, action=row, scan_action=scan_action, smart_action=smart_action
    )
    plan_services.pop_mark_changed(pop)
    return row
