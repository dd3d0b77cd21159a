from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

import plans.portfolio.urls
import plans.urls
from popsite.mail import QueuedPasswordResetForm

# The portfolio's pages share the "plans" namespace: one URL name space for the
# trajectory and the portfolio around it, while plans.urls does not import the layer above.
plans_patterns = (plans.urls.urlpatterns + plans.portfolio.urls.urlpatterns, "plans")

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "wachtwoord/vergeten/",
        auth_views.PasswordResetView.as_view(form_class=QueuedPasswordResetForm),
        name="password_reset",
    ),
    path(
        "wachtwoord/vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "wachtwoord/nieuw/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord/nieuw/klaar/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("admin/", admin.site.urls),
    path("", include("popsite.accounts.urls")),
    path("", include(plans_patterns)),
    path("methodieken/", include("methods.urls")),
    path("registratie/", include("registration.urls")),
]
