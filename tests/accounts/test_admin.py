import pytest
from django.contrib import admin
from django.urls import reverse

MODELS = sorted(admin.site._registry, key=lambda model: model._meta.label)


@pytest.mark.parametrize("model", MODELS, ids=[m._meta.label for m in MODELS])
def test_every_admin_list_opens_for_the_site_admin(cast, login, model):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    assert login(cast.admin).get(url).status_code == 200


def test_the_admin_is_closed_to_people_who_are_not_staff(cast, login):
    response = login(cast.coach).get(reverse("admin:index"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
