"""Small reads for plans templates: the next planned talk, the actions' extra fields."""

from __future__ import annotations

from typing import Any

from django import template

from methods import selectors, services
from methods.models import ActionDetail, PlannedMoment
from plans.models import PopVersion, Trajectory

register = template.Library()


@register.simple_tag
def next_planned_moment(trajectory: Trajectory | None) -> PlannedMoment | None:
    return services.next_planned_moment(trajectory) if trajectory else None


@register.simple_tag
def next_talk_for(trajectory: Trajectory | None) -> services.Talk | None:
    return services.next_talk(trajectory) if trajectory else None


@register.simple_tag
def pop_action_details(pop: PopVersion) -> dict[int, ActionDetail]:
    return selectors.action_details(pop)


@register.inclusion_tag("methods/action_detail.html")
def action_detail(detail: ActionDetail | None, plain: bool = False, printed: bool = False) -> dict:
    return {"rows": detail.rows(plain=plain) if detail else [], "printed": printed, "plain": plain}


@register.filter
def lookup(mapping: dict, key: Any) -> Any:
    return mapping.get(key) if mapping else None
