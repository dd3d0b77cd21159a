"""Load one demo organisation with a login for every role; safe to run again."""

from __future__ import annotations

import datetime
from base64 import b32decode

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from methods.models import Method
from methods.services import worksheet_create, worksheet_save_answers
from plans import services
from plans.models import (
    Action,
    Competence,
    ContactMoment,
    Goal,
    Phase,
    SummaryItem,
    SummarySection,
    Trajectory,
)
from plans.portfolio.models import PortfolioGrant
from popsite.accounts.models import Membership, Organisation, Role, User
from registration.models import HoursKind, HoursLine, Training
from registration.selectors import consent_contacts, consent_fingerprint
from registration.services import (
    consent_confirm,
    hours_line_add,
    training_save,
    training_set_attendance,
)

DEMO_PASSWORD = "demo-pop-2026"
# Staff need a second factor: the demo admin's authenticator app has this public key
# (README), so anyone can add it to an app, or compute the code, and log in.
DEMO_TOTP_SECRET = "POPDEMOPOPDEMOPOPDEMOPOPDEMOPOPD"
DEMO_SLUG = "demo"

PEOPLE = [
    # e-mail, first name, last name, roles
    ("coach@demo.be", "Kathleen", "Janssens", [Role.COACH]),
    ("trainer@demo.be", "Pieter", "De Clercq", [Role.TRAINER]),
    ("ambassadeur@demo.be", "Nadia", "Benali", [Role.AMBASSADOR]),
    ("registratie@demo.be", "Karin", "Wuyts", [Role.REGISTRAR]),
    ("begeleider@demo.be", "Luc", "Wouters", [Role.FLOOR_SUPERVISOR]),
    ("supervisor@demo.be", "Hilde", "Verbruggen", [Role.SUPERVISOR]),
    ("werknemer@demo.be", "Sofie", "Van der Berghe", [Role.WORKER]),
    ("mehmet@demo.be", "Mehmet", "Yılmaz", [Role.WORKER]),
    ("ann@demo.be", "Ann", "Peeters", [Role.WORKER]),
    ("bram@demo.be", "Bram", "Maes", [Role.WORKER]),
    ("chloe@demo.be", "Chloé", "Dubois", [Role.WORKER]),
    ("dirk@demo.be", "Dirk", "Claes", [Role.WORKER]),
    ("nieuw@demo.be", "Emma", "de Vos", [Role.WORKER]),
]

LOGINS = [
    ("POP-coach", "coach@demo.be"),
    ("Werknemer (afgesproken POP)", "werknemer@demo.be"),
    ("Werknemer (opvolg-POP bezig)", "mehmet@demo.be"),
    ("POP-trainer", "trainer@demo.be"),
    ("POP-ambassadeur", "ambassadeur@demo.be"),
    ("Registratieverantwoordelijke", "registratie@demo.be"),
    ("Werkvloerbegeleider", "begeleider@demo.be"),
    ("Begeleider met inzage", "supervisor@demo.be"),
    ("Werknemer zonder e-mail", "yusuf.aydin"),
    ("Beheerder", "admin@demo.be"),
]


class Command(BaseCommand):
    help = "Laadt een demo-organisatie met een login voor elke rol (een tweede keer doet niets)."

    def handle(self, *args: object, **options: object) -> None:
        if Organisation.objects.filter(slug=DEMO_SLUG).exists():
            self.stdout.write("Demodata zijn al geladen.")
        else:
            self._load()
            self.stdout.write(self.style.SUCCESS("Demodata geladen."))
        self.stdout.write(f"\nDemo-logins (wachtwoord voor allemaal: {DEMO_PASSWORD}):")
        for label, email in LOGINS:
            self.stdout.write(f"  {label:<30} {email}")
        self.stdout.write(
            f"De beheerder geeft ook een code uit een app met de sleutel {DEMO_TOTP_SECRET} "
            "(zie README)."
        )

    @transaction.atomic
    def _load(self) -> None:
        organisation = Organisation.objects.create(name="Demo Maatwerkbedrijf", slug=DEMO_SLUG)
        admin = User.objects.create_superuser(
            "admin@demo.be", DEMO_PASSWORD, first_name="Ali", last_name="Admin"
        )
        TOTPDevice.objects.create(
            user=admin, name="demo", key=b32decode(DEMO_TOTP_SECRET).hex(), confirmed=True
        )
        people = {}
        for email, first, last, roles in PEOPLE:
            user = User.objects.create_user(email, DEMO_PASSWORD, first_name=first, last_name=last)
            for role in roles:
                Membership.objects.create(user=user, organisation=organisation, role=role)
            people[email] = user
        # A worker without an e-mail address logs in with the login name from his letter.
        yusuf = User.objects.create_user(
            None, DEMO_PASSWORD, login_name="yusuf.aydin", first_name="Yusuf", last_name="Aydın"
        )
        Membership.objects.create(user=yusuf, organisation=organisation, role=Role.WORKER)
        coach = people["coach@demo.be"]
        today = timezone.localdate()

        def start(email: str) -> tuple:
            membership = Membership.objects.get(user=people[email], role=Role.WORKER)
            trajectory = services.trajectory_create(
                membership=membership, coach=coach, reflection_level="medium", intensity="medium"
            )
            # Started before the first talk (walk dates them from 60 days ago).
            Trajectory.objects.filter(pk=trajectory.pk).update(
                started_on=today - datetime.timedelta(days=70)
            )
            trajectory.refresh_from_db()
            return trajectory, trajectory.pop_versions.get()

        def agree(pop, worker) -> None:
            for person in (worker, coach):
                pop.refresh_from_db(fields=["content_version"])
                services.pop_agree(pop=pop, by=person, seen_version=pop.content_version)

        def walk(trajectory, *phases: str) -> None:
            # Each talk two weeks after the one before, a later walk going on from there.
            held = trajectory.contact_moments.count()
            for offset, phase in enumerate(phases, start=held):
                ContactMoment.objects.create(
                    trajectory=trajectory,
                    date=today - datetime.timedelta(days=60 - 14 * offset),
                    phase=trajectory.phase,
                )
                services.trajectory_change_phase(trajectory=trajectory, to_phase=phase, by=coach)

        # One worker in each early phase.
        start("ann@demo.be")
        trajectory, _ = start("bram@demo.be")
        walk(trajectory, Phase.ANALYSE)
        trajectory, pop = start("chloe@demo.be")
        walk(trajectory, Phase.ANALYSE, Phase.PLANNING)
        self._fill(pop, today, generic_only=True)

        # An agreed POP, being carried out.
        trajectory, pop = start("werknemer@demo.be")
        walk(trajectory, Phase.ANALYSE, Phase.PLANNING)
        self._fill(pop, today)
        agree(pop, people["werknemer@demo.be"])
        ContactMoment.objects.create(
            trajectory=trajectory, date=today + datetime.timedelta(days=10), phase=Phase.UITVOEREN
        )
        # Sofie lets a supervisor see her portfolio.
        PortfolioGrant.objects.create(
            trajectory=trajectory,
            grantee=people["supervisor@demo.be"],
            granted_by=people["werknemer@demo.be"],
        )
        self._methods_and_registration(trajectory, people, coach, today)

        # An agreed POP and its follow-up in progress.
        trajectory, pop = start("mehmet@demo.be")
        walk(trajectory, Phase.ANALYSE, Phase.PLANNING)
        self._fill(pop, today)
        agree(pop, people["mehmet@demo.be"])
        pop.actions.update(progress=3)
        services.pop_start_follow_up(trajectory=trajectory, by=coach)

        # A finished trajectory.
        trajectory, pop = start("dirk@demo.be")
        walk(trajectory, Phase.ANALYSE, Phase.PLANNING)
        self._fill(pop, today)
        agree(pop, people["dirk@demo.be"])
        walk(trajectory, Phase.EVALUEREN, Phase.AFGEROND)

    @staticmethod
    def _methods_and_registration(trajectory, people: dict, coach: User, today) -> None:
        """A HAND worksheet, a signed consent, hours and a training day."""
        # The talks held so far realised the first planned moments of the variant.
        held = trajectory.contact_moments.filter(date__lte=today).order_by("date")
        planned = trajectory.planned_moments.exclude(number=None).order_by("position")
        for moment, contact in zip(planned, held, strict=False):
            moment.contact_moment = contact
            moment.save(update_fields=["contact_moment"])
        hand = worksheet_create(
            trajectory=trajectory, method=Method.objects.get(code="hand"), by=coach
        )
        worksheet_save_answers(
            worksheet=hand,
            answers={
                "thumb": "Netjes werken, collega's helpen",
                "index": "Hulpkok worden",
                "middle": "Lawaai en haast",
                "ring": "Mijn ploeg",
                "little": "Vragen stellen in een grote groep",
            },
            conclusion="Sofie wil doorgroeien in de keuken en durft nog weinig te vragen.",
        )
        # Luc rates Sofie on the floor, next to her own view and the coach's.
        floor = people["begeleider@demo.be"]
        trajectory.floor_supervisor = floor
        trajectory.save(update_fields=["floor_supervisor"])
        measurement = worksheet_create(
            trajectory=trajectory, method=Method.objects.get(code="competentiemeting"), by=coach
        )
        now = timezone.now()
        for n, rating in enumerate(measurement.ratings.all()[:4]):
            rating.self_now, rating.self_wanted = 3, 4
            rating.coach, rating.floor = (3, 4, 2, 3)[n], (3, 3, 4, 2)[n]
            rating.self_by = rating.coach_by = coach
            rating.floor_by = floor
            rating.self_at = rating.coach_at = rating.floor_at = now
            rating.save()
        shown = consent_fingerprint(consent_contacts(trajectory))
        consent_confirm(trajectory=trajectory, by=people["werknemer@demo.be"], seen=shown)
        consent_confirm(trajectory=trajectory, by=coach, seen=shown)
        organisation = trajectory.organisation
        hours_line_add(
            organisation=organisation,
            month=today.replace(day=1),
            line=HoursLine(date=today, kind=HoursKind.INTAKE, hours=2, description="Intake"),
            by=coach,
        )
        training = training_save(
            training=Training(
                organisation=organisation,
                trainer=people["trainer@demo.be"],
                date=today,
                topic="De HAND-methode in de praktijk",
                hours=3,
            ),
            participants=[coach],
        )
        training_set_attendance(training=training, present=training.attendances.all())

    @staticmethod
    def _fill(pop, today: datetime.date, generic_only: bool = False) -> None:
        SummaryItem.objects.bulk_create(
            [
                SummaryItem(
                    pop=pop,
                    section=SummarySection.WANT,
                    text="Ik wil graag in de keuken blijven werken.",
                ),
                SummaryItem(
                    pop=pop,
                    section=SummarySection.CAN,
                    text="Ik werk netjes en hygiënisch.",
                    competence=Competence.TECHNICAL,
                ),
                SummaryItem(
                    pop=pop,
                    section=SummarySection.CAN,
                    text="Ik help collega's graag.",
                    competence=Competence.GENERIC,
                ),
                SummaryItem(
                    pop=pop,
                    section=SummarySection.DEVELOP,
                    text="Uitleg vragen als iets niet duidelijk is.",
                    competence=Competence.GENERIC,
                ),
            ]
        )
        pop.overall_goal = "Doorgroeien naar hulpkok."
        pop.save(update_fields=["overall_goal"])
        goal = Goal.objects.create(
            pop=pop,
            goal="Zelfstandig de koude keuken voorbereiden",
            reason="De ploegbaas vraagt meer zelfstandigheid.",
            result="Drie weken lang de mise-en-place alleen klaar.",
            timing="Elke dinsdag een uur oefenen, klaar binnen drie maanden.",
            evaluation="Gesprek met de werkvloerbegeleider en de checklist.",
        )
        Action.objects.create(
            pop=pop,
            goal=goal,
            description="Elke dag één vraag stellen als iets niet duidelijk is",
            helper="Luc (werkvloerbegeleider)",
            deadline=today + datetime.timedelta(days=30),
            expected_result="Luc ziet elke week minstens vijf vragen.",
            competence=Competence.GENERIC,
        )
        if not generic_only:
            Action.objects.create(
                pop=pop,
                goal=goal,
                description="De snijmachine leren bedienen",
                helper="Collega Jef",
                deadline=today + datetime.timedelta(days=60),
                expected_result="Attest veilig werken met de snijmachine.",
                competence=Competence.TECHNICAL,
            )
