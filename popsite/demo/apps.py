from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo data (`manage.py load_demo`): it fills every app, so it sits on top of
    all of them, beside the URL configuration."""

    name = "popsite.demo"
    label = "demo"
