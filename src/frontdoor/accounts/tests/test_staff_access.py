import logging

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from frontdoor.accounts import queries, roles, services
from frontdoor.accounts.tests.factories import staff_sign_in, totp_code

PASSWORD = "a-long-enough-test-password"


@pytest.fixture
def agent(db):
    return services.staff_create(
        username="ade",
        full_name="Ade Okafor",
        email="ade@example.gov.uk",
        roles=[roles.AGENT],
        password=PASSWORD,
    )


def test_every_declared_role_is_a_group_after_set_up(db):
    from django.contrib.auth.models import Group

    services.roles_ensure()
    assert set(Group.objects.values_list("name", flat=True)) == set(roles.BY_CODE)


def test_staff_member_holds_exactly_the_roles_given(agent):
    assert queries.staff_roles(user=agent) == {roles.AGENT}
    assert queries.has_role(user=agent, roles=(roles.AGENT, roles.CASE_OFFICER))
    assert not queries.has_role(user=agent, roles=(roles.DATA_OFFICER,))


def test_a_resident_or_visitor_holds_no_staff_role(db):
    resident = get_user_model().objects.create_user(username="r", email="r@example.com")
    assert queries.staff_roles(user=resident) == frozenset()
    assert queries.staff_roles(user=AnonymousUser()) == frozenset()


def test_unknown_role_is_refused_when_creating_staff(db):
    with pytest.raises(ValueError, match="Unknown roles: wizard"):
        services.staff_create(
            username="x", full_name="X Y", email="x@example.gov.uk", roles=["wizard"]
        )
    assert not get_user_model().objects.filter(username="x").exists()


def test_role_check_refuses_and_logs_the_refusal(agent, caplog):
    with (
        caplog.at_level(logging.WARNING, logger="frontdoor.security"),
        pytest.raises(PermissionDenied, match="data_officer"),
    ):
        services.role_check(user=agent, roles=(roles.DATA_OFFICER,), action="read the audit log")
    assert "refused action=read the audit log" in caplog.text


def test_staff_home_sends_a_visitor_to_sign_in(client, db):
    response = client.get("/staff/")
    assert response.status_code == 302
    assert response["Location"] == "/staff/sign-in/?next=/staff/"


def test_staff_home_is_refused_to_a_resident_account(client, db):
    resident = get_user_model().objects.create_user(username="r", email="r@example.com")
    client.force_login(resident)
    assert client.get("/staff/").status_code == 302


def test_sign_in_ignores_a_next_address_on_another_site(client, agent):
    response = staff_sign_in(client, agent, next_url="https://evil.example/steal")
    assert response.status_code == 302
    assert response["Location"] == "/staff/"


def test_sign_in_goes_on_to_a_next_address_on_this_site(client, agent):
    response = staff_sign_in(client, agent, next_url="/staff/cases/")
    assert response["Location"] == "/staff/cases/"


def test_sign_in_rotates_the_session_key(client, agent):
    client.get("/staff/sign-in/")
    client.cookies["sessionid"] = "attacker-chosen-session-key"
    client.post("/staff/sign-in/", {"username": "ade", "password": PASSWORD})
    half_signed_in = client.cookies["sessionid"].value
    client.get("/staff/sign-in/set-up/")
    client.post("/staff/sign-in/set-up/", {"code": totp_code(agent)})
    assert client.cookies["sessionid"].value not in {"attacker-chosen-session-key", half_signed_in}
    assert client.get("/staff/").status_code == 200


def test_five_wrong_passwords_pause_sign_in_even_with_the_right_one(client, agent):
    for _ in range(5):
        client.post("/staff/sign-in/", {"username": "ade", "password": "wrong-password"})
    response = client.post("/staff/sign-in/", {"username": "ade", "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many attempts to sign in" in response.content.decode()
    assert client.get("/staff/").status_code == 302


def test_the_same_message_for_an_unknown_username_and_a_wrong_password(client, agent):
    unknown = client.post("/staff/sign-in/", {"username": "nobody", "password": "x"})
    wrong = client.post("/staff/sign-in/", {"username": "ade", "password": "x"})
    message = "Enter a correct username and password"
    assert message in unknown.content.decode() and message in wrong.content.decode()


def test_sign_out_is_a_post_so_another_site_cannot_trigger_it(client, agent):
    client.force_login(agent)
    assert client.get("/staff/sign-out/").status_code == 200
    assert client.get("/staff/").status_code == 200
    assert client.post("/staff/sign-out/").status_code == 302
    assert client.get("/staff/").status_code == 302
