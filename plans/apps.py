from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("POP-trajecten")

    def ready(self) -> None:
        from plans import jobs  # noqa: F401  (registers the daily jobs)
