"""Who may see and change the portfolio: the trajectory's predicates (plans.rules)
and the worker's grants."""

from __future__ import annotations

import rules

from plans.models import PopVersion, Trajectory
from plans.portfolio.models import PopTemplate, PortfolioGrant
from plans.rules import is_coach_of, is_own_worker, is_trainer_of, trajectory_of
from popsite.accounts.models import Role, User


@rules.predicate
def has_active_grant(user: User, obj: Trajectory | PopVersion) -> bool:
    """Asked of the database on every request: a revoked or ended grant closes at once."""
    return (
        PortfolioGrant.objects.active().filter(grantee=user, trajectory=trajectory_of(obj)).exists()
    )


# A supervisor sees the portfolio (versions, growth, evidence) and nothing else.
rules.add_perm(
    "plans.view_portfolio",
    is_own_worker | is_coach_of | is_trainer_of | rules.is_staff | has_active_grant,
)
# The worker grants access; a coach may do it on the worker's request.
rules.add_perm("plans.manage_grants", is_own_worker | is_coach_of)
rules.add_perm("plans.add_evidence", is_own_worker | is_coach_of)
rules.add_perm("plans.prepare_talk", is_own_worker)
rules.add_perm("plans.view_talk", is_own_worker | is_coach_of)
rules.add_perm("plans.share_with_team", is_own_worker)


@rules.predicate
def is_template_editor(user: User, template: PopTemplate) -> bool:
    """POP templates per function are defined by the organisation's ambassador or trainer."""
    return user.has_role(Role.AMBASSADOR, template.organisation_id) or user.has_role(
        Role.TRAINER, template.organisation_id
    )


rules.add_perm("plans.change_template", is_template_editor)
