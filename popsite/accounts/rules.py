"""Who may look after another person's login: a coach, for a worker of their organisation
who holds no other role (a coach never resets a colleague's or an admin's login)."""

from __future__ import annotations

import rules

from popsite.accounts.models import Role, User


@rules.predicate
def coaches_in_workers_organisation(user: User, person: User) -> bool:
    if person.is_staff or person.roles != {Role.WORKER}:
        return False
    worker_in = {m.organisation_id for m in person.cached_memberships}
    return bool(worker_in & set(user.organisation_ids(Role.COACH)))


rules.add_perm("accounts.manage_login", coaches_in_workers_organisation)
