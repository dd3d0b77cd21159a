"""Realistic load data in bulk: at scale 1, 20 organisations, 200 coaches, 10,000
workers, 20,000 trajectories with contact moments and about 100,000 actions.

Deterministic for a given --seed; built with bulk_create so scale 1 takes minutes.
"""

from __future__ import annotations

import datetime
import random
import time
import unicodedata
from collections.abc import Iterable

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from plans.models import (
    Action,
    Competence,
    ContactMoment,
    Goal,
    Phase,
    PhaseChange,
    PopVersion,
    SummaryItem,
    SummarySection,
    Trajectory,
)
from plans.variants import Level, propose_variant
from popsite.accounts.models import Membership, Organisation, Role, User

FIRST_NAMES = [
    "Jan",
    "Sofie",
    "Mehmet",
    "Zoë",
    "Chloé",
    "Noël",
    "Anaïs",
    "Françoise",
    "Lotte",
    "Bram",
    "Fatima",
    "Youssef",
    "Ayşe",
    "Émile",
    "Inès",
    "Joëlle",
    "Wouter",
    "Hanne",
    "Kenan",
    "Nathalie",
    "Pieter",
    "Marieke",
    "Dries",
    "Elif",
    "Thibault",
    "Ilse",
    "Mohamed",
    "Saskia",
    "Jef",
    "Oumaima",
]
LAST_NAMES = [
    "Peeters",
    "Janssens",
    "Maes",
    "Van der Berghe",
    "De Smet",
    "Van den Broeck",
    "D'Hondt",
    "Vanden Eynde",
    "El Amrani",
    "Yılmaz",
    "Çelik",
    "Claes",
    "Wouters",
    "De Vos",
    "Van Damme",
    "Goossens",
    "Vermeulen",
    "Dubois",
    "Lefèvre",
    "Van de Velde",
    "Mertens",
    "Willems",
    "Van Acker",
    "Öztürk",
    "Dewaele",
    "Bogaert",
    "Verhoeven",
    "de Coninck",
    "Haddouchi",
    "Nuyts",
]
TOWNS = [
    "Gent",
    "Brugge",
    "Kortrijk",
    "Aalst",
    "Leuven",
    "Hasselt",
    "Genk",
    "Mechelen",
    "Turnhout",
    "Ieper",
]
ACTIONS = [
    ("Elke dag één vraag stellen als iets niet duidelijk is", Competence.GENERIC),
    ("Op tijd komen, vijf dagen na elkaar", Competence.GENERIC),
    ("Samenwerken met een nieuwe collega", Competence.GENERIC),
    ("Rustig blijven bij drukte en om hulp vragen", Competence.GENERIC),
    ("De snijmachine veilig leren bedienen", Competence.TECHNICAL),
    ("Hygiënisch werken volgens de checklist", Competence.TECHNICAL),
    ("Sorteren volgens de nieuwe werkinstructie", Competence.TECHNICAL),
    ("Een heftruckattest halen", Competence.TECHNICAL),
    ("Een cursus Nederlands volgen", Competence.OTHER),
]
BATCH = 5_000


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.replace("ı", "i"))
    return "".join(c for c in folded.encode("ascii", "ignore").decode() if c.isalnum()).lower()


class Command(BaseCommand):
    help = "Laadt realistische testdata in bulk (schaal 1: 10.000 werknemers, 20.000 trajecten)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, scale: float, seed: int, **options) -> None:
        if scale <= 0:
            raise CommandError("--scale moet groter dan 0 zijn.")
        if Organisation.objects.filter(slug__startswith="load-").exists():
            raise CommandError("Er zijn al load-gegevens: begin met een lege database.")
        started = time.monotonic()
        self.random = random.Random(seed)
        self.today = timezone.localdate()
        with transaction.atomic():
            counts = self._build(scale)
        counts["seconds"] = round(time.monotonic() - started, 1)
        self.stdout.write(self.style.SUCCESS(", ".join(f"{k}: {v}" for k, v in counts.items())))

    def _progress(self, what: str, n: int) -> None:
        self.stdout.write(f"  {what}: {n}")
        self.stdout.flush()

    def _bulk(self, model, objects: Iterable) -> list:
        return model.objects.bulk_create(list(objects), batch_size=BATCH)

    def _build(self, scale: float) -> dict[str, int]:
        rnd = self.random
        n_orgs = max(1, round(20 * scale))
        n_coaches = max(1, round(200 * scale))
        n_workers = max(2, round(10_000 * scale))
        password = make_password("load-test-2026")

        organisations = self._bulk(
            Organisation,
            (
                Organisation(
                    name=f"Maatwerkbedrijf {TOWNS[i % len(TOWNS)]} {i + 1}", slug=f"load-{i + 1}"
                )
                for i in range(n_orgs)
            ),
        )
        self._progress("organisaties", len(organisations))

        def person(i: int, kind: str) -> User:
            first, last = rnd.choice(FIRST_NAMES), rnd.choice(LAST_NAMES)
            return User(
                email=f"{_ascii(first)}.{_ascii(last)}.{kind}{i}@voorbeeld.be",
                first_name=first,
                last_name=last,
                password=password,
            )

        coaches = self._bulk(User, (person(i, "c") for i in range(n_coaches)))
        workers = self._bulk(User, (person(i, "w") for i in range(n_workers)))
        self._progress("personen", len(coaches) + len(workers))
        coach_org = {c.pk: organisations[i % n_orgs] for i, c in enumerate(coaches)}
        worker_org = {w.pk: organisations[i % n_orgs] for i, w in enumerate(workers)}
        memberships = [
            Membership(user=c, organisation=coach_org[c.pk], role=Role.COACH) for c in coaches
        ]
        memberships += [
            Membership(user=w, organisation=worker_org[w.pk], role=Role.WORKER) for w in workers
        ]
        for i, org in enumerate(organisations):
            for role in (Role.TRAINER, Role.AMBASSADOR):
                memberships.append(
                    Membership(user=coaches[i % n_coaches], organisation=org, role=role)
                )
        self._bulk(Membership, memberships)
        coaches_by_org: dict[int, list[User]] = {}
        for coach in coaches:
            coaches_by_org.setdefault(coach_org[coach.pk].pk, []).append(coach)

        # Two trajectories per worker: an earlier, finished one and the current one.
        trajectories = []
        levels = list(Level.values)
        for worker in workers:
            org = worker_org[worker.pk]
            for current in (False, True):
                reflection, intensity = rnd.choice(levels), rnd.choice(levels)
                phase = rnd.choice(list(Phase.values[:-1])) if current else Phase.AFGEROND
                trajectories.append(
                    Trajectory(
                        worker=worker,
                        organisation=org,
                        reflection_level=reflection,
                        intensity=intensity,
                        variant=propose_variant(reflection, intensity),
                        phase=phase,
                        started_on=self.today
                        - datetime.timedelta(days=rnd.randint(0, 300) + (0 if current else 400)),
                    )
                )
        trajectories = self._bulk(Trajectory, trajectories)
        self._progress("trajecten", len(trajectories))
        through = Trajectory.coaches.through
        coach_of = {}
        links = []
        for t in trajectories:
            coach = rnd.choice(coaches_by_org.get(t.organisation_id) or coaches)
            coach_of[t.pk] = coach
            links.append(through(trajectory_id=t.pk, user_id=coach.pk))
        self._bulk(through, links)

        contacts, changes, pops = [], [], []
        order = [
            Phase.OPSTART,
            Phase.ANALYSE,
            Phase.PLANNING,
            Phase.UITVOEREN,
            Phase.EVALUEREN,
            Phase.AFGEROND,
        ]
        for t in trajectories:
            reached = order[: order.index(t.phase) + 1]
            talked = [p for p in reached if p != Phase.AFGEROND]
            for step, phase in enumerate(reached):
                changes.append(
                    PhaseChange(
                        trajectory=t,
                        from_phase=reached[step - 1] if step else "",
                        to_phase=phase,
                        changed_by=coach_of[t.pk],
                    )
                )
            for k in range(rnd.randint(2, 6)):
                contacts.append(
                    ContactMoment(
                        trajectory=t,
                        date=t.started_on + datetime.timedelta(days=14 * k),
                        phase=talked[min(k, len(talked) - 1)],
                        duration_minutes=rnd.choice([30, 45, 60, 90]),
                    )
                )
            agreed = t.phase in (Phase.UITVOEREN, Phase.EVALUEREN, Phase.AFGEROND)
            pops.append(
                PopVersion(
                    trajectory=t,
                    number=1,
                    overall_goal="Doorgroeien naar een vaste job." if rnd.random() < 0.5 else "",
                    agreed_at=timezone.now() - datetime.timedelta(days=rnd.randint(0, 120))
                    if agreed
                    else None,
                    worker_agreed_at=timezone.now() if agreed else None,
                    coach_agreed_at=timezone.now() if agreed else None,
                    coach_agreed_by=coach_of[t.pk] if agreed else None,
                )
            )
        self._bulk(PhaseChange, changes)
        self._bulk(ContactMoment, contacts)
        self._progress("contactmomenten", len(contacts))
        pops = self._bulk(PopVersion, pops)

        items, goals = [], []
        for pop in pops:
            items += [
                SummaryItem(
                    pop=pop,
                    section=SummarySection.WANT,
                    text="Ik wil graag in de keuken blijven werken.",
                ),
                SummaryItem(
                    pop=pop,
                    section=SummarySection.CAN,
                    text="Ik werk netjes.",
                    competence=Competence.TECHNICAL,
                ),
                SummaryItem(
                    pop=pop,
                    section=SummarySection.DEVELOP,
                    text="Hulp vragen.",
                    competence=Competence.GENERIC,
                ),
            ]
            goals.append(
                Goal(pop=pop, goal="Zelfstandiger werken", reason="Vraag van de ploegbaas")
            )
        self._bulk(SummaryItem, items)
        goals = self._bulk(Goal, goals)
        actions = []
        for pop, goal in zip(pops, goals, strict=True):
            for k in range(rnd.randint(4, 6)):
                description, competence = (
                    ACTIONS[rnd.randrange(len(ACTIONS))] if k > 1 else ACTIONS[k * 4]
                )
                actions.append(
                    Action(
                        pop=pop,
                        goal=goal,
                        description=description,
                        helper=rnd.choice(["Werkvloerbegeleider", "Collega", "Coach", "VDAB"]),
                        deadline=self.today + datetime.timedelta(days=rnd.randint(-60, 120)),
                        expected_result="Bevestigd door de werkvloerbegeleider.",
                        competence=competence,
                        progress=rnd.randint(0, 5),
                    )
                )
        self._bulk(Action, actions)
        self._progress("acties", len(actions))
        return {
            "organisaties": len(organisations),
            "coaches": len(coaches),
            "werknemers": len(workers),
            "trajecten": len(trajectories),
            "contactmomenten": len(contacts),
            "acties": len(actions),
        }
