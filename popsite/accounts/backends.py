"""Log in with an e-mail address in any capitalisation, or with a login name; a one-time
code from a login letter works only until its date; a PIN account waits after too many
wrong PINs from any address."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone

from popsite.accounts.models import User
from popsite.accounts.services import normalise_code, pin_failure, pin_success, pin_waiting


def login_key(typed: str | None) -> str:
    """The one spelling of what was typed in the login field."""
    return (typed or "").strip().lower()


def axes_username(request: HttpRequest, credentials: dict | None) -> str:
    """django-axes counts failures per login, not per spelling of it: 'Sofie@X.be' and
    'sofie@x.be' are one account, so capitals give no extra guesses."""
    typed = (credentials or {}).get("username") or request.POST.get("username")
    return login_key(typed)


class LoginBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: object,
    ) -> User | None:
        key = login_key(username or kwargs.get(User.USERNAME_FIELD))
        if not key or password is None:
            return None
        user = User.objects.filter(Q(email__iexact=key) | Q(login_name__iexact=key)).first()
        if user is None:
            User().set_password(password)  # the same time as for a real account
            return None
        if user.one_time_code_until is not None:
            if user.one_time_code_until < timezone.now():
                return None
            password = normalise_code(password)
        if pin_waiting(user):
            return None  # even the right PIN: a guesser cannot tell when they hit it
        if not user.check_password(password):
            if user.uses_pin:
                pin_failure(user)
            return None
        if not self.user_can_authenticate(user):
            return None
        pin_success(user)
        return user
