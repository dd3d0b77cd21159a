"""plans.access fetches a trajectory or POP with the coaches the rules read, in plain SQL
(plans.selectors.attach_coaches): the same users, in the same order, as the ORM's
prefetching gives, and the rules decide on them."""

from django.urls import reverse
from django.utils import timezone

from plans import selectors
from plans.models import Trajectory
from popsite.accounts.models import Role, User
from tests.factories import TrajectoryFactory, member


def fields_of(user: User) -> dict:
    return {field.attname: getattr(user, field.attname) for field in User._meta.concrete_fields}


def test_the_coaches_are_those_and_in_the_order_prefetching_gives(cast):
    cast.coach.last_login = timezone.now()  # a moment, read as the ORM reads it
    cast.coach.save()
    zeger = member(cast.organisation, Role.COACH, first_name="Zeger", last_name="Aerts")
    anna = member(cast.organisation, Role.COACH, first_name="Anna", last_name="Aerts")
    bram = member(cast.organisation, Role.COACH, first_name="Bram", last_name="Claes")
    shared = TrajectoryFactory(organisation=cast.organisation, coaches=[bram, zeger, anna])
    alone = TrajectoryFactory(organisation=cast.organisation, coaches=[])
    keys = [cast.trajectory.pk, shared.pk, alone.pk]
    read = list(Trajectory.objects.filter(pk__in=keys).order_by("pk"))
    selectors.attach_coaches(read)
    expected = Trajectory.objects.filter(pk__in=keys).order_by("pk").prefetch_related("coaches")
    for plain, orm in zip(read, expected, strict=True):
        coaches = list(plain.coaches.all())
        assert coaches == list(orm.coaches.all())
        assert [fields_of(c) for c in coaches] == [fields_of(c) for c in orm.coaches.all()]
    assert [c.first_name for c in read[1].coaches.all()] == ["Anna", "Zeger", "Bram"]
    assert list(read[2].coaches.all()) == []


def test_a_coach_added_or_removed_is_seen_by_the_rules_at_once(cast, login):
    other = member(cast.organisation, Role.COACH)
    client = login(other)
    page = reverse("plans:trajectory", args=[cast.trajectory.pk])
    pop_page = reverse("plans:pop", args=[cast.pop.pk])
    assert client.get(page).status_code == 404 and client.get(pop_page).status_code == 404
    cast.trajectory.coaches.add(other)
    assert client.get(page).status_code == 200 and client.get(pop_page).status_code == 200
    cast.trajectory.coaches.remove(other)
    assert client.get(page).status_code == 404 and client.get(pop_page).status_code == 404
