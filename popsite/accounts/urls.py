from django.urls import path

from popsite.accounts import views

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
]
