from django.dispatch import Signal

# Sent inside pop_revise's transaction after an agreed version was copied into a new
# draft, so other apps can carry their own links along. Arguments: old, new,
# summary_map and action_map (old pk -> the copied row).
pop_revised = Signal()

# Sent inside trajectory_create's transaction, so the methods app can plan the
# variant's talks without plans depending on methods. Argument: trajectory.
trajectory_created = Signal()
