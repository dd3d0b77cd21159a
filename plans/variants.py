"""Trajectory variants of the draaiboek (§4.5.1): reflection x intensity."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    LOW = "low", _("laag")
    MEDIUM = "medium", _("gemiddeld")
    HIGH = "high", _("hoog")


class Variant(models.TextChoices):
    BASIS = "basis", _("Basistraject (4 contactmomenten)")
    V1 = "v1", _("Variant 1 (2 contactmomenten)")
    V2 = "v2", _("Variant 2 (2 contactmomenten)")
    V3 = "v3", _("Variant 3 (5 à 6 contactmomenten)")
    V4 = "v4", _("Variant 4 (5 à 6 contactmomenten)")


_TABLE = {
    (Level.MEDIUM, Level.MEDIUM): Variant.BASIS,
    (Level.LOW, Level.LOW): Variant.V1,
    (Level.HIGH, Level.LOW): Variant.V2,
    (Level.HIGH, Level.HIGH): Variant.V3,
    (Level.LOW, Level.HIGH): Variant.V4,
}


def propose_variant(reflection: str, intensity: str) -> str:
    """The draaiboek names five combinations; every in-between form (one of the
    two 'gemiddeld') starts from the basistraject, which the coach may override."""
    return _TABLE.get((Level(reflection), Level(intensity)), Variant.BASIS)
