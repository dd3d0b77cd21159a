from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationConfig(AppConfig):
    name = "registration"
    verbose_name = _("Registratie")

    def ready(self) -> None:
        from plans import personal_data
        from popsite.accounts import erasure as accounts_erasure
        from registration import (
            erasure,
            jobs,  # noqa: F401  (registers the daily jobs)
            selectors,
        )

        personal_data.add_part("registratie", selectors.personal_data)
        accounts_erasure.add_part(erasure.PART)
