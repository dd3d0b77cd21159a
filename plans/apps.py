from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("POP-trajecten")

    def ready(self) -> None:
        from plans import (
            erasure,
            jobs,  # noqa: F401  (registers the daily jobs)
        )
        from popsite.accounts import erasure as accounts_erasure
        from popsite.accounts.views import ORGANISATION_COUNTS

        accounts_erasure.add_part(erasure.PART)
        # Kept by the triggers of migration 0014 on plans_trajectory.
        ORGANISATION_COUNTS["trajectory_count"] = "trajectories"
