from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    """The portfolio around the POP (grants, growth, evidence, progress talks, reminders,
    team matrix, POP templates): it reads plans and methods. Its models keep the app
    label "plans" (plans/migrations holds their tables)."""

    name = "plans.portfolio"
    label = "portfolio"
    verbose_name = _("Portfolio")

    def ready(self) -> None:
        from plans import personal_data as plans_personal_data
        from plans.portfolio import (
            erasure,
            jobs,  # noqa: F401  (registers the daily jobs)
            personal_data,
        )
        from popsite.accounts import erasure as accounts_erasure

        accounts_erasure.add_part(erasure.PART)
        plans_personal_data.add_part("inzage_in_portfolio", personal_data.grants)
        plans_personal_data.add_part("teammatrix", personal_data.team_matrix)
