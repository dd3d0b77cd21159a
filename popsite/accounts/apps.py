from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "popsite.accounts"
    label = "accounts"
    verbose_name = _("Personen en organisaties")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from popsite.accounts import jobs  # noqa: F401  (registers the daily jobs)
        from popsite.accounts.middleware import note_second_factor_at_login, stamp_session_start

        user_logged_in.connect(stamp_session_start, dispatch_uid="stamp_session_start")
        user_logged_in.connect(
            note_second_factor_at_login, dispatch_uid="note_second_factor_at_login"
        )
