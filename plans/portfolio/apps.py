from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    """The portfolio around the POP (grants, growth, evidence, progress talks, reminders,
    team matrix, POP templates): it reads plans and methods. Its models stay in
    plans.models (app label "plans"), beside the trajectory they hang from."""

    name = "plans.portfolio"
    label = "portfolio"
    verbose_name = _("Portfolio")

    def ready(self) -> None:
        from plans.portfolio import erasure
        from popsite.accounts.erasure import add_part

        add_part(erasure.PART)
