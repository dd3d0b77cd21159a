from django.urls import path

from popsite.accounts import second_factor_views, views

app_name = "accounts"

urlpatterns = [
    path("", views.home, name="home"),
    path("beheer/", views.admin_home, name="admin-home"),
    path("gezond/", views.health, name="health"),
    path("gezond/klaar/", views.ready, name="ready"),
    path("coach/werknemers/nieuw/", views.worker_create, name="worker-create"),
    path("werknemers/<int:pk>/inlogbrief/", views.login_letter, name="login-letter"),
    path("werknemers/<int:pk>/inlogbrief.pdf", views.login_letter_pdf, name="login-letter-pdf"),
    path("werknemers/<int:pk>/nieuwe-code/", views.login_code_reset, name="login-code-reset"),
    path("eerste-keer/", views.choose_secret, name="choose-secret"),
    path("tweede-factor/", second_factor_views.second_factor_page, name="second-factor"),
    path(
        "tweede-factor/instellen/",
        second_factor_views.second_factor_enrol,
        name="second-factor-enrol",
    ),
    path(
        "tweede-factor/code/", second_factor_views.second_factor_verify, name="second-factor-verify"
    ),
    path(
        "tweede-factor/uitschakelen/",
        second_factor_views.second_factor_disable,
        name="second-factor-disable",
    ),
    path("tweede-factor/herstelcodes/", second_factor_views.recovery_codes, name="recovery-codes"),
    path(
        "tweede-factor/herstelcodes.txt",
        second_factor_views.recovery_codes_download,
        name="recovery-codes-download",
    ),
    path(
        "tweede-factor/herstelcodes/nieuw/",
        second_factor_views.recovery_codes_new,
        name="recovery-codes-new",
    ),
]
