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
        }
    ),
    "accounts:admin-home": Row(only("admin")),
}
