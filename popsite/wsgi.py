import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "popsite.settings")

# Both gunicorn and runserver start the app here. Sessions, password-reset links and
# CSRF tokens are signed with SECRET_KEY; signed with the public development key,
# anyone could forge them.
if not settings.DEBUG and settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. With DEBUG=0 the app does not start with the development "
        "key from the repository: set SECRET_KEY to a long random string (docs/DEPLOYMENT.md)."
    )

application = get_wsgi_application()
