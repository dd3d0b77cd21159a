from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MethodsConfig(AppConfig):
    name = "methods"
    verbose_name = _("Methodieken")

    def ready(self) -> None:
        from methods import receivers  # noqa: F401  (connects the signal receivers)
        from methods.pdf import appendix_html
        from methods.services import next_talk_columns
        from plans.pdf import provide_appendix
        from plans.selectors import provide_next_talk_columns

        provide_appendix(appendix_html)
        provide_next_talk_columns(next_talk_columns)
