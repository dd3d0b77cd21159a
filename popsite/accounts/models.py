"""People, organisations and the roles people hold in them."""

from __future__ import annotations

from collections.abc import Mapping

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import connection, models
from django.utils.translation import gettext_lazy as _

from popsite.bounds import CappedTextField, sane_birth_date, sane_date


class Role(models.TextChoices):
    WORKER = "worker", _("Doelgroepwerknemer")
    COACH = "coach", _("POP-coach")
    TRAINER = "trainer", _("POP-trainer")
    AMBASSADOR = "ambassador", _("POP-ambassadeur")
    FLOOR_SUPERVISOR = "floor_supervisor", _("Werkvloerbegeleider")
    SUPERVISOR = "supervisor", _("Begeleider met inzagerecht")
    # Builds and downloads the monthly package, which holds POP content and consents:
    # a role of its own, so an ambassador keeps to counts (draaiboek §2.4.4).
    REGISTRAR = "registrar", _("Registratieverantwoordelijke")


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str | None, password: str | None, **extra: object) -> User:
        if not email and not extra.get("login_name"):
            raise ValueError("An e-mail address or a login name is required")
        user = self.model(email=self.normalize_email(email).lower() if email else None, **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(
        self, email: str | None = None, password: str | None = None, **extra: object
    ) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


# The columns a person's name is made of, for a list that reads them as plain values.
NAME_FIELDS = ("first_name", "last_name", "email", "login_name")


def person_name(first_name: str, last_name: str, email: str | None, login_name: str | None) -> str:
    """How a person reads everywhere: their name, else the address or login name they
    log in with (a worker may have only a login name)."""
    return f"{first_name} {last_name}".strip() or email or login_name or ""


def person_name_from(row: Mapping[str, str | None], prefix: str = "") -> str:
    """``person_name`` of a values() row, its columns under ``prefix`` ("worker__")."""
    return person_name(*(row[prefix + field] for field in NAME_FIELDS))


class User(AbstractUser):
    """A person who logs in with an e-mail address, or, without one (many workers), with a
    login name a coach gave them on a printed login letter."""

    username = None  # type: ignore[assignment]
    email = models.EmailField(_("e-mailadres"), unique=True, null=True, blank=True)
    login_name = models.CharField(_("inlognaam"), max_length=60, unique=True, null=True, blank=True)
    # Set while the password is a one-time code from a login letter: it works until then,
    # and the person chooses their own password or PIN at the first login.
    one_time_code_until = models.DateTimeField(
        _("eenmalige code geldig tot"), null=True, blank=True
    )
    # A PIN has a million values: its wrong guesses are counted per account, from any
    # address, on top of django-axes' count per account and address.
    uses_pin = models.BooleanField(_("logt in met een pincode"), default=False)
    pin_failures = models.PositiveSmallIntegerField(default=0, editable=False)
    pin_failed_at = models.DateTimeField(null=True, blank=True, editable=False)
    first_name = models.CharField(_("voornaam"), max_length=150)
    last_name = models.CharField(_("achternaam"), max_length=150)
    birth_date = models.DateField(
        _("geboortedatum"), null=True, blank=True, validators=[sane_birth_date]
    )
    email_reminders = models.BooleanField(_("herinneringen per e-mail"), default=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    objects = UserManager()  # type: ignore[misc]

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def __str__(self) -> str:
        return person_name(self.first_name, self.last_name, self.email, self.login_name)

    def save(self, *args: object, **kwargs: object) -> None:
        # One address, however it was typed: login and password reset compare without case.
        if self.email:
            self.email = self.email.strip().lower()
        else:
            self.email = None  # blank means none; unique allows many NULLs, not many ""
        super().save(*args, **kwargs)

    @property
    def login(self) -> str:
        """What the person types at the login page."""
        return self.email or self.login_name or ""

    def has_role(self, role: str, organisation_id: int | None = None) -> bool:
        """Answer from the memberships read once per request, so callers can ask freely."""
        return any(
            m.role == role and (organisation_id is None or m.organisation_id == organisation_id)
            for m in self.cached_memberships
        )

    def organisation_ids(self, role: str) -> list[int]:
        return [m.organisation_id for m in self.cached_memberships if m.role == role]

    @property
    def cached_memberships(self) -> list[Membership]:
        """Read on every page (the menu, each access check), in plain SQL: the ORM's
        building and compiling of this read cost four times what running it does."""
        if not hasattr(self, "_cached_memberships"):
            with connection.cursor() as cursor:
                cursor.execute(_MEMBERSHIPS_SQL, [self.pk])
                rows = cursor.fetchall()
            self._cached_memberships = [
                Membership.from_db(
                    connection.alias, _MEMBERSHIP_FIELDS, (pk, self.pk, organisation, role)
                )
                for pk, organisation, role in rows
            ]
            for membership in self._cached_memberships:
                membership.user = self
        return self._cached_memberships

    @property
    def roles(self) -> set[str]:
        return {m.role for m in self.cached_memberships}


_MEMBERSHIPS_SQL = "SELECT id, organisation_id, role FROM accounts_membership WHERE user_id = %s"
_MEMBERSHIP_FIELDS = ["id", "user_id", "organisation_id", "role"]


class Organisation(models.Model):
    """A maatwerkbedrijf or other partner organisation."""

    name = models.CharField(_("naam"), max_length=200, unique=True)
    slug = models.SlugField(_("korte naam"), unique=True)
    # Staff always need a second factor; an organisation may ask it of its coaches too,
    # who see every POP of the workers they coach (popsite.accounts.second_factor).
    requires_second_factor = models.BooleanField(
        _("tweede factor verplicht voor coaches"),
        default=False,
        help_text=_(
            "Coaches van deze organisatie moeten bij het aanmelden ook een code uit een "
            "app geven. Geldt vanaf hun volgende aanmelding."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """One role a person holds in one organisation; a person may hold several."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("rol in organisatie")
        verbose_name_plural = _("rollen in organisaties")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="unique_role_per_organisation"
            )
        ]
        indexes = [models.Index(fields=["organisation", "role"])]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.organisation}"


class OrganisationTally(models.Model):
    """How many rows of one kind an organisation has (name "workers": its memberships as
    worker; plans adds "trajectories"), for the admin overview. Written only by database
    triggers (popsite/accounts/tally.py), never by code; no row means 0."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="tallies")
    name = models.CharField(max_length=40)
    n = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("telling per organisatie")
        verbose_name_plural = _("tellingen per organisatie")
        constraints = [
            # The triggers' INSERT ... ON CONFLICT (organisation_id, name) needs it.
            models.UniqueConstraint(
                fields=["organisation", "name"], name="one_tally_per_organisation_and_name"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.name}: {self.n}"


class AuditEvent(models.Model):
    """Who viewed, changed, exported or deleted what, and when (no content, only references)."""

    class Verb(models.TextChoices):
        VIEW = "view", _("bekeken")
        CHANGE = "change", _("gewijzigd")
        EXPORT = "export", _("geëxporteerd")
        DELETE = "delete", _("verwijderd")

    user = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="audit_events"
    )
    verb = models.CharField(_("handeling"), max_length=10, choices=Verb.choices)
    object_type = models.CharField(_("soort"), max_length=60)
    object_id = models.CharField(_("id"), max_length=40)
    # The worker whose data it is, so a worker can see who looked at their POP.
    subject = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditlog")
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["subject", "at"]),
        ]


class ScheduledRun(models.Model):
    """One daily job on one day (popsite.schedule): the unique pair is the claim, so
    when two hosts run the scheduler at once only the one whose insert wins runs it."""

    class Status(models.TextChoices):
        RUNNING = "running", _("bezig")
        DONE = "done", _("klaar")
        FAILED = "failed", _("mislukt")

    OUTCOME_LENGTH = 2000

    job = models.CharField(max_length=60)
    day = models.DateField(validators=[sane_date])
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    outcome = CappedTextField(blank=True, max_length=OUTCOME_LENGTH)

    class Meta:
        ordering = ["-day", "job"]
        verbose_name = _("geplande taak")
        verbose_name_plural = _("geplande taken")
        constraints = [
            models.UniqueConstraint(fields=["job", "day"], name="scheduledrun_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.job} {self.day:%Y-%m-%d}"
