from django.dispatch import Signal

# Sent inside pop_revise's transaction after an agreed version was copied into a new
# draft, so other apps can carry their own links along. Arguments: old, new,
# summary_map and action_map (old pk -> the copied row).
pop_revised = Signal()
