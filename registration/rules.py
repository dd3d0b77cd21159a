"""Who may see and change which registration document, and who may export: the only
place these rules live. Views ask them through ``accounts.access.allowed``."""

from __future__ import annotations

import rules
from django.db.models import Q, QuerySet

from plans.models import Trajectory
from plans.rules import is_coach_of, is_own_worker
from popsite.accounts.models import Organisation, Role, User
from registration.models import ExportJob, Training


def _organisation_id(obj: Organisation | Training | ExportJob | None) -> int | None:
    if obj is None:
        return None
    if isinstance(obj, Organisation):
        return obj.pk
    return obj.organisation_id


@rules.predicate
def is_coach_in(user: User, obj: Organisation | Training) -> bool:
    return user.has_role(Role.COACH, _organisation_id(obj))


@rules.predicate
def is_trainer_in(user: User, obj: Organisation | Training) -> bool:
    return user.has_role(Role.TRAINER, _organisation_id(obj))


@rules.predicate
def is_ambassador_in(user: User, obj: Organisation | Training) -> bool:
    organisation_id = _organisation_id(obj)
    return organisation_id is not None and user.has_role(Role.AMBASSADOR, organisation_id)


@rules.predicate
def is_registrar_in(user: User, obj: Organisation | Training | ExportJob | None) -> bool:
    # An export of every organisation has no organisation: only staff may see it.
    organisation_id = _organisation_id(obj)
    return organisation_id is not None and user.has_role(Role.REGISTRAR, organisation_id)


@rules.predicate
def is_registrar_of(user: User, trajectory: Trajectory) -> bool:
    return user.has_role(Role.REGISTRAR, trajectory.organisation_id)


@rules.predicate
def is_trainer_of_training(user: User, training: Training) -> bool:
    return training.trainer_id == user.pk and user.has_role(Role.TRAINER, training.organisation_id)


# Consent: on the trajectory. Personal data, so neither trainers nor ambassadors; the
# registrar reads what the package they download holds.
rules.add_perm(
    "registration.view_consent", is_own_worker | is_coach_of | is_registrar_of | rules.is_staff
)
rules.add_perm("registration.upload_consent", is_coach_of)
rules.add_perm("registration.confirm_consent", is_own_worker | is_coach_of)
rules.add_perm("registration.record_mijn_loopbaan", is_coach_of)

# Hours: on the organisation.
rules.add_perm(
    "registration.view_hours",
    is_coach_in | is_trainer_in | is_ambassador_in | is_registrar_in | rules.is_staff,
)
rules.add_perm("registration.change_hours", is_coach_in | is_trainer_in)

# Trainings: on the training. Creating one needs the trainer role; the form offers
# only the organisations where the person is a trainer.
rules.add_perm(
    "registration.view_training",
    is_trainer_in | is_ambassador_in | is_registrar_in | rules.is_staff,
)
rules.add_perm("registration.change_training", is_trainer_of_training)

# Export: on the organisation (None = every organisation) or on the job. The package
# holds POP PDFs and consent scans, so only those who may read them build and download
# it: the organisation's registrar and staff. Ambassadors see counts (their home page).
rules.add_perm("registration.export", is_registrar_in | rules.is_staff)
rules.add_perm("registration.export_incomplete", rules.is_staff)
rules.add_perm("registration.view_export", is_registrar_in | rules.is_staff)


def exportable_organisations(user: User) -> QuerySet[Organisation]:
    """The list form of registration.export."""
    if user.is_staff:
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=user.organisation_ids(Role.REGISTRAR))


def visible_trainings(user: User) -> QuerySet[Training]:
    """The list form of registration.view_training."""
    if user.is_staff:
        return Training.objects.all()
    return Training.objects.filter(
        organisation__in=user.organisation_ids(Role.TRAINER)
        + user.organisation_ids(Role.AMBASSADOR)
        + user.organisation_ids(Role.REGISTRAR)
    )


def hours_organisations(user: User) -> QuerySet[Organisation]:
    """The list form of registration.view_hours."""
    if user.is_staff:
        return Organisation.objects.all()
    ids = {
        m.organisation_id
        for m in user.cached_memberships
        if m.role in (Role.COACH, Role.TRAINER, Role.AMBASSADOR, Role.REGISTRAR)
    }
    return Organisation.objects.filter(pk__in=ids)


def visible_export_jobs(user: User) -> QuerySet[ExportJob]:
    """The list form of registration.view_export."""
    if user.is_staff:
        return ExportJob.objects.all()
    return ExportJob.objects.filter(
        Q(organisation__in=user.organisation_ids(Role.REGISTRAR)) & ~Q(organisation=None)
    )
