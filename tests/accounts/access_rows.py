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
                "registrar",
                "admin",
                "supervisor",
                "expired_supervisor",
                "revoked_supervisor",
                status=302,
            ),
            "floor_supervisor": 200,
        }
    ),
    "accounts:admin-home": Row(only("admin")),
    "accounts:health": Row({}, public=True),
}
