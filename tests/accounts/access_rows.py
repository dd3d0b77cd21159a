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
                "floor_supervisor",
                "other_floor_supervisor",
                status=302,
            ),
        }
    ),
    "accounts:admin-home": Row(only("admin")),
    "accounts:health": Row({}, public=True),
    "accounts:ready": Row({}, public=True),
    "accounts:worker-create": Row(only("coach", "other_coach")),
    "accounts:login-letter": Row(only("coach"), lambda c: [c.worker.pk]),
    # Without a code just made in this session the letter cannot be printed: back to the page.
    "accounts:login-letter-pdf": Row(only("coach", status=302), lambda c: [c.worker.pk]),
    "accounts:login-code-reset": Row(only("coach", status=302), lambda c: [c.worker.pk], "post"),
    # Only for someone logged in with a one-time code (tests/accounts/test_worker_login.py).
    "accounts:choose-secret": Row({}),
}
