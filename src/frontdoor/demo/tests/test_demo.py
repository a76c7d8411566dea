import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import override_settings

from frontdoor.accounts import queries, roles
from frontdoor.demo import accounts as staff
from frontdoor.demo import services


def test_demo_council_has_one_staff_member_for_every_role(db):
    services.demo_load()
    held = set()
    for user in get_user_model().objects.filter(is_staff=True):
        assert user.check_password(staff.DEMO_PASSWORD)
        held |= queries.staff_roles(user=user)
    assert held == set(roles.BY_CODE)


def test_loading_if_empty_twice_makes_nothing_twice(db, capsys):
    call_command("demo_load", "--if-empty")
    call_command("demo_load", "--if-empty")
    assert get_user_model().objects.count() == len(staff.DEMO_STAFF)
    assert "already has data" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_reset_puts_the_demo_back_as_it_was():
    services.demo_load()
    get_user_model().objects.filter(username="agent").delete()
    services.demo_reset()
    assert get_user_model().objects.filter(username="agent").exists()


@override_settings(IN_PRODUCTION=True)
def test_demo_data_is_refused_in_production(db):
    with pytest.raises(ImproperlyConfigured):
        services.demo_load()
    assert not get_user_model().objects.exists()
