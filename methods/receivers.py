"""Follow what happens in plans: plan a new trajectory's talks, tick off a planned
talk when its contact moment is recorded, and keep worksheet links and the scan's
extra fields when a POP gets a new version."""

from __future__ import annotations

from django.db.models import Q
from django.db.models.signals import post_save
from django.dispatch import receiver

from methods.models import ActionDetail, PopItemSource
from methods.services import tick_off_planned_moment, trajectory_plan_variant
from plans.models import Action, ContactMoment, PopVersion, SummaryItem, Trajectory
from plans.signals import pop_revised, trajectory_created


@receiver(trajectory_created, dispatch_uid="methods-plan-talks")
def plan_talks(sender: type, *, trajectory: Trajectory, **kwargs: object) -> None:
    trajectory_plan_variant(trajectory=trajectory)


@receiver(post_save, sender=ContactMoment, dispatch_uid="methods-tick-off-talk")
def tick_off_talk(
    sender: type, *, instance: ContactMoment, created: bool, **kwargs: object
) -> None:
    if created:
        tick_off_planned_moment(instance)


@receiver(pop_revised, dispatch_uid="methods-copy-links")
def copy_method_links(
    sender: type,
    *,
    old: PopVersion,
    new: PopVersion,
    summary_map: dict[int, SummaryItem],
    action_map: dict[int, Action],
    **kwargs: object,
) -> None:
    sources = PopItemSource.objects.filter(Q(summary_item__pop=old) | Q(action__pop=old))
    PopItemSource.objects.bulk_create(
        PopItemSource(
            worksheet_id=source.worksheet_id,
            summary_item=summary_map.get(source.summary_item_id),
            action=action_map.get(source.action_id),
            scan_action_id=source.scan_action_id,
            smart_action_id=source.smart_action_id,
        )
        for source in sources
    )
    details = list(ActionDetail.objects.filter(action__pop=old))
    for detail in details:
        detail.pk, detail.action = None, action_map[detail.action_id]
    ActionDetail.objects.bulk_create(details)
