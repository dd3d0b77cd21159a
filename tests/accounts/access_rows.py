from tests.access import Row, only

ROWS: dict[str, Row] = {
    "accounts:home": Row(
        {
            **only(
                "worker",
                "other_worker",
                "coach",
                "other_coach",
                "trainer",
                "ambassador",
                "admin",
                status=302,
            ),
            "floor_supervisor": 200,
            # Portfolio supervisors have no role home in accounts.views.HOME_BY_ROLE yet.
            **only("supervisor", "expired_supervisor", "revoked_supervisor"),
        }
    ),
    "accounts:admin-home": Row(only("admin")),
    "accounts:health": Row({}, public=True),
}
