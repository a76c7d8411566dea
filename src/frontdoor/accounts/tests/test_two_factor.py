import logging
import re
import time

import pytest
from django.conf import settings
from django.test import override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from frontdoor.accounts import roles, services
from frontdoor.accounts.middleware import LAST_SEEN
from frontdoor.accounts.tests.factories import PASSWORD, staff, staff_sign_in, totp_code


@pytest.fixture
def officer(db):
    return staff(roles.CASE_OFFICER, username="priya")


def _password(client, username="priya"):
    return client.post("/staff/sign-in/", {"username": username, "password": PASSWORD})


def test_a_right_password_alone_does_not_sign_staff_in(client, officer):
    response = _password(client)
    assert response["Location"] == "/staff/sign-in/code/"
    assert client.get("/staff/").status_code == 302
    assert client.get("/staff/cases/").status_code == 302


def test_the_password_then_the_code_signs_in(client, officer):
    response = staff_sign_in(client, officer)
    assert response["Location"] == "/staff/"
    page = client.get("/staff/")
    assert page.status_code == 200 and page.wsgi_request.user.is_verified()


def test_a_wrong_code_is_explained_and_signs_nobody_in(client, officer, caplog):
    _password(client)
    with caplog.at_level(logging.WARNING, logger="frontdoor.security"):
        response = client.post("/staff/sign-in/code/", {"code": "000000"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "The code is not right. Enter the 6 numbers your authenticator app shows now" in page
    assert client.get("/staff/").status_code == 302
    assert "refused action=staff second factor" in caplog.text


def test_an_empty_code_gets_its_own_message(client, officer):
    _password(client)
    response = client.post("/staff/sign-in/code/", {"code": ""})
    assert "Enter the 6-digit code from your authenticator app" in response.content.decode()


def test_wrong_codes_slow_down_even_the_right_one(client, officer):
    _password(client)
    for _ in range(3):
        client.post("/staff/sign-in/code/", {"code": "000000"})
    response = client.post("/staff/sign-in/code/", {"code": totp_code(officer)})
    assert "Wait a minute, then try again" in response.content.decode()
    assert client.get("/staff/").status_code == 302


def test_a_code_works_only_once(client, officer):
    from django.test import Client

    code = totp_code(officer)
    _password(client)
    client.post("/staff/sign-in/code/", {"code": code})
    assert client.get("/staff/").status_code == 200
    again = Client()
    _password(again)
    response = again.post("/staff/sign-in/code/", {"code": code})
    assert response.status_code == 400
    assert again.get("/staff/").status_code == 302


def test_the_code_page_needs_the_password_first(client, officer):
    response = client.post("/staff/sign-in/code/", {"code": totp_code(officer)})
    assert response["Location"] == "/staff/sign-in/"
    assert client.get("/staff/").status_code == 302


def test_a_half_finished_sign_in_runs_out_after_five_minutes(client, officer):
    _password(client)
    session = client.session
    session["frontdoor_staff_pending"]["at"] -= 301
    session.save()
    response = client.post("/staff/sign-in/code/", {"code": totp_code(officer)})
    assert response["Location"] == "/staff/sign-in/"
    assert client.get("/staff/").status_code == 302


def test_first_sign_in_sets_up_an_authenticator_from_a_qr_code(client, db):
    newcomer = staff(roles.AGENT, username="newcomer", totp=False)
    response = _password(client, "newcomer")
    assert response["Location"] == "/staff/sign-in/set-up/"
    page = client.get("/staff/sign-in/set-up/").content.decode()
    assert 'src="data:image/svg+xml' in page
    shown = re.search(r'data-testid="totp-secret">([A-Z2-7 ]+)<', page).group(1).replace(" ", "")
    device = TOTPDevice.objects.get(user=newcomer)
    assert not device.confirmed and shown == services.totp_secret_base32(device)
    wrong = client.post("/staff/sign-in/set-up/", {"code": "000000"})
    assert wrong.status_code == 400 and not TOTPDevice.objects.get().confirmed
    time.sleep(1.1)  # django-otp's pause after one wrong code
    done = client.post("/staff/sign-in/set-up/", {"code": totp_code(newcomer)})
    assert done["Location"] == "/staff/"
    assert TOTPDevice.objects.get().confirmed


def test_an_administrator_resets_a_lost_authenticator_and_nobody_else_may(db, officer):
    from django.core.exceptions import PermissionDenied

    admin = staff(roles.ADMINISTRATOR, username="jo")
    with pytest.raises(PermissionDenied):
        services.totp_reset(by=officer, user=admin)
    services.totp_reset(by=admin, user=officer)
    assert services.totp_device(user=officer) is None


def test_demo_staff_sign_in_with_the_printed_key(client, db):
    from frontdoor.demo import accounts as demo

    demo.create()
    client.post("/staff/sign-in/", {"username": "agent", "password": demo.DEMO_PASSWORD})
    response = client.post("/staff/sign-in/code/", {"code": demo.totp_code_now()})
    assert response["Location"] == "/staff/"


def test_staff_are_signed_out_after_the_idle_time(client, officer):
    staff_sign_in(client, officer)
    assert client.get("/staff/").status_code == 200
    session = client.session
    session[LAST_SEEN] = int(time.time()) - settings.STAFF_IDLE_MINUTES * 60 - 5
    session.save()
    response = client.get("/staff/")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "You were signed out because you had not done anything for 30 minutes" in page


def test_activity_keeps_staff_signed_in(client, officer):
    staff_sign_in(client, officer)
    session = client.session
    session[LAST_SEEN] = int(time.time()) - settings.STAFF_IDLE_MINUTES * 60 + 120
    session.save()
    assert client.get("/staff/").status_code == 200
    assert client.get("/staff/").status_code == 200


@override_settings(RESIDENT_IDLE_MINUTES=60)
def test_residents_have_a_longer_idle_time_than_staff(client, db):
    from frontdoor.accounts.tests.factories import resident, resident_sign_in

    resident_sign_in(client, resident())
    client.get("/account/")
    session = client.session
    session[LAST_SEEN] = int(time.time()) - 45 * 60
    session.save()
    assert client.get("/account/").status_code == 200
    session = client.session
    session[LAST_SEEN] = int(time.time()) - 61 * 60
    session.save()
    assert client.get("/account/").status_code == 302


def test_forms_posted_without_the_csrf_token_are_refused(db, officer):
    from django.test import Client

    careful = Client(enforce_csrf_checks=True)
    response = careful.post("/staff/sign-in/", {"username": "priya", "password": PASSWORD})
    assert response.status_code == 403
    assert careful.post("/account/sign-in/", {"email": "a@example.com"}).status_code == 403
    staff_sign_in(careful_signed := Client(enforce_csrf_checks=False), officer)
    session_cookie = careful_signed.cookies["sessionid"].value
    careful.cookies["sessionid"] = session_cookie
    assert careful.post("/staff/sign-out/").status_code == 403
    assert careful.post("/api/cases/K7QM-4XTD/notes", {"text": "x"}).status_code == 403
    assert careful.get("/staff/").status_code == 200  # still signed in


def test_an_administrator_resets_two_factor_sign_in_from_the_staff_page(client, officer):
    admin = staff(roles.ADMINISTRATOR, username="jo")
    client.force_login(admin)
    page = client.get("/staff/people/").content.decode()
    assert "Priya Tester (priya)" in page and "Set up" in page
    response = client.post("/staff/people/", {"username": "priya"})
    assert response["Location"] == "/staff/people/"
    assert services.totp_device(user=officer) is None
    assert client.post("/staff/people/", {"username": "nobody"}).status_code == 404
    # Priya's next sign-in sets up a new authenticator.
    client.logout()
    assert _password(client)["Location"] == "/staff/sign-in/set-up/"
