"""The portfolio's part in a worker's data download (plans.personal_data)."""

from __future__ import annotations

from plans.portfolio.models import PortfolioGrant, TeamMatrixItem
from popsite.accounts.models import User


def grants(user: User) -> list[dict]:
    return [
        {
            "wie": str(grant.grantee),
            "vanaf": grant.starts_on,
            "tot_en_met": grant.ends_on,
            "ingetrokken_op": grant.revoked_at,
        }
        for grant in PortfolioGrant.objects.filter(trajectory__worker=user).select_related(
            "grantee"
        )
    ]


def team_matrix(user: User) -> list[dict]:
    return [
        {"wat": item.label, "soort": item.get_kind_display(), "gedeeld": item.shared_with_team}
        for item in TeamMatrixItem.objects.filter(trajectory__worker=user)
    ]
