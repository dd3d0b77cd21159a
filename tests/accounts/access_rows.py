from tests.access import Row, only

LOGGED_IN = [
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
]
# Only the admin has a second factor in the cast (staff must: tests/conftest.py logs
# them in verified); everyone else may set one up.
WITHOUT_APP = [role for role in LOGGED_IN if role != "admin"]

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
    # Every logged-in person's own second factor (tests/accounts/test_second_factor.py).
    "accounts:second-factor": Row(only(*LOGGED_IN)),
    # Set up: the admin has an app already, so is sent to the page above.
    "accounts:second-factor-enrol": Row({**only(*WITHOUT_APP), "admin": 302}),
    # Nobody logged in here still owes a code: on to their home.
    "accounts:second-factor-verify": Row(only(*LOGGED_IN, status=302)),
    # Without a code (the admin) or an app (the others): back to the second factor page.
    "accounts:second-factor-disable": Row(
        {**only(*WITHOUT_APP, status=302), "admin": 200}, method="post"
    ),
    # Recovery codes are shown only right after they were made, in that session.
    "accounts:recovery-codes": Row(only(*LOGGED_IN, status=302)),
    "accounts:recovery-codes-download": Row(only(*LOGGED_IN, status=302)),
    "accounts:recovery-codes-new": Row(only(*LOGGED_IN, status=302), method="post"),
}
