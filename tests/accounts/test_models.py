import pytest

from popsite.accounts.models import User


@pytest.mark.parametrize(
    ("fields", "shown"),
    [
        ({"first_name": "Ann", "last_name": "Peeters", "email": "ann@example.org"}, "Ann Peeters"),
        ({"first_name": "", "last_name": "Peeters", "login_name": "ap"}, "Peeters"),
        ({"first_name": "", "last_name": "", "email": "x@example.org"}, "x@example.org"),
        ({"first_name": "", "last_name": "", "email": None, "login_name": "w.3"}, "w.3"),
        ({"first_name": "", "last_name": "", "email": None, "login_name": None}, ""),
    ],
)
def test_a_person_reads_as_their_name_else_how_they_log_in(fields, shown):
    assert str(User(**fields)) == shown
