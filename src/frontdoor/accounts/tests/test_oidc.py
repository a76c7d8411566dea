"""Single sign-on against a real OpenID Connect provider running on this machine
(oidc-provider-mock: Authlib's provider code, RS256-signed ID tokens, a published JWKS).

Nothing here stubs the client: the authorisation request, the code exchange over HTTP and
the ID token's signature check all run for real. A tampering proxy in front of the
provider shows that a changed or re-signed token signs nobody in.
"""

from __future__ import annotations

import base64
import json
import threading
from contextlib import contextmanager
from urllib.parse import quote, urlsplit

import oidc_provider_mock
import pytest
import requests
import werkzeug.serving
from django.test import override_settings
from joserfc import jwt
from joserfc.jwk import RSAKey
from werkzeug.wrappers import Request

from frontdoor.accounts import oidc
from frontdoor.accounts.models import ResidentAccount, ResidentIdentity
from frontdoor.accounts.tests.factories import resident

CLIENT_ID = "frontdoor-test"
EMAIL = "amara@example.com"


@pytest.fixture(scope="module")
def provider():
    with oidc_provider_mock.run_server_in_thread(require_nonce=True) as server:
        yield f"http://localhost:{server.server_port}"


@contextmanager
def _serve(app):
    server = werkzeug.serving.make_server("localhost", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1})
    thread.start()
    try:
        yield f"http://localhost:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(2)
        server.server_close()


def _proxy(upstream: str, tamper, seen: list | None = None):
    """A pass-through to the provider that rewrites the ID token in token responses, as a
    man in the middle would. The provider sees the proxy's host, so its issuer and every
    address it publishes are the proxy's."""

    def app(environ, start_response):
        request = Request(environ)
        data = request.get_data()
        if seen is not None and request.path == "/oauth2/token":
            # The test provider knows only client secrets: the proxy keeps the client
            # assertion for the test to check, and passes the request on with a secret.
            form = request.form.to_dict()
            seen.append(dict(form))
            form.pop("client_assertion", None)
            form.pop("client_assertion_type", None)
            form.update(client_id=CLIENT_ID, client_secret="checked-by-the-test")  # noqa: S106
            data = form
        headers = {
            k: v
            for k, v in request.headers.items()
            if k.lower() not in {"content-length", "connection", "accept-encoding"}
        }
        answer = requests.request(
            request.method,
            upstream + request.full_path.rstrip("?"),
            headers=headers,
            data=data,
            allow_redirects=False,
            timeout=10,
        )
        body = answer.content
        if request.path == "/oauth2/token" and answer.ok:
            tokens = answer.json()
            tokens["id_token"] = tamper(tokens["id_token"])
            body = json.dumps(tokens).encode()
        kept = [
            (k, v)
            for k, v in answer.headers.items()
            if k.lower() not in {"content-length", "connection", "transfer-encoding"}
            and k.lower() != "content-encoding"
        ]
        start_response(
            f"{answer.status_code} {answer.reason}", [*kept, ("Content-Length", str(len(body)))]
        )
        return [body]

    return app


@contextmanager
def _configured(issuer: str, *, secret: str = "test-secret", key_file: str = ""):  # noqa: S107
    oidc._discovered.clear()
    with override_settings(
        OIDC_ISSUER=issuer,
        OIDC_CLIENT_ID=CLIENT_ID,
        OIDC_CLIENT_SECRET=secret,
        OIDC_PRIVATE_KEY_FILE=key_file,
        OIDC_PROVIDER_NAME="Test One Login",
    ):
        yield
    oidc._discovered.clear()


def _user_at_provider(issuer: str, subject: str, **claims) -> None:
    answer = requests.put(f"{issuer}/users/{quote(subject)}", json=claims, timeout=10)
    assert answer.status_code == 204


def _through_provider(client, issuer: str, subject: str):
    """Start at our sign-in button, approve at the provider as `subject`, come back."""
    start = client.get("/account/sign-in/single-sign-on/")
    assert start.status_code == 302
    authorize = start["Location"]
    assert authorize.startswith(issuer + "/oauth2/authorize?")
    for parameter in ("state=", "nonce=", "code_challenge=", "code_challenge_method=S256"):
        assert parameter in authorize
    approved = requests.post(authorize, data={"sub": subject}, allow_redirects=False, timeout=10)
    assert approved.status_code == 302, approved.text[:300]
    back = urlsplit(approved.headers["Location"])
    assert back.path == "/account/sign-in/single-sign-on/callback/"
    return client.get(f"{back.path}?{back.query}")


def _signed_in_account(client):
    response = client.get("/account/")
    return response.context["account"] if response.status_code == 200 else None


def test_the_sign_in_page_offers_the_provider_only_when_one_is_configured(client, db, provider):
    assert "Continue with" not in client.get("/account/sign-in/").content.decode()
    assert client.get("/account/sign-in/single-sign-on/").status_code == 404
    with _configured(provider):
        assert "Continue with Test One Login" in client.get("/account/sign-in/").content.decode()


def test_a_resident_signs_up_through_the_provider_with_a_checked_token(client, db, provider):
    _user_at_provider(provider, "urn:fdc:one-login:1", email=EMAIL, email_verified=True)
    with _configured(provider):
        response = _through_provider(client, provider, "urn:fdc:one-login:1")
    assert response.status_code == 302 and response["Location"] == "/account/"
    account = _signed_in_account(client)
    assert account.email == EMAIL
    identity = ResidentIdentity.objects.get()
    assert (identity.issuer, identity.subject) == (provider, "urn:fdc:one-login:1")


def test_the_provider_joins_an_account_made_by_email_and_finds_it_again_by_subject(
    client, db, provider
):
    existing = resident(EMAIL)
    _user_at_provider(provider, "subject-2", email=EMAIL, email_verified=True)
    with _configured(provider):
        _through_provider(client, provider, "subject-2")
        assert _signed_in_account(client) == existing
        client.post("/account/sign-out/")
        # The person changes their email at the provider: the subject still finds them.
        _user_at_provider(provider, "subject-2", email="new@example.com", email_verified=True)
        _through_provider(client, provider, "subject-2")
    assert _signed_in_account(client) == existing
    assert ResidentAccount.objects.count() == 1


def test_an_email_the_provider_did_not_verify_opens_no_account(client, db, provider):
    _user_at_provider(provider, "subject-3", email=EMAIL, email_verified=False)
    with _configured(provider):
        response = _through_provider(client, provider, "subject-3")
    assert response.status_code == 400
    assert "did not confirm your email address" in response.content.decode()
    assert _signed_in_account(client) is None
    assert not ResidentAccount.objects.exists()


def _claims_as_sent(token: str) -> dict:
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def _payload_changed(token: str) -> str:
    header, _, signature = token.split(".")
    claims = {**_claims_as_sent(token), "email": "attacker@example.com"}
    changed = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    return f"{header}.{changed}.{signature}"


def _signed_by_another_key(token: str) -> str:
    return jwt.encode(
        {"alg": "RS256", "kid": "attacker"}, _claims_as_sent(token), RSAKey.generate_key(2048)
    )


def _unsigned(token: str) -> str:
    header = base64.urlsafe_b64encode(b'{"alg":"none","typ":"JWT"}').rstrip(b"=").decode()
    return f"{header}.{token.split('.')[1]}."


@pytest.mark.parametrize(
    "tamper",
    [_payload_changed, _signed_by_another_key, _unsigned],
    ids=["claims-changed", "re-signed-with-another-key", "alg-none"],
)
def test_a_tampered_id_token_is_refused_with_a_clear_message_and_no_session(
    client, db, provider, tamper, caplog
):
    with _serve(_proxy(provider, tamper)) as proxied:
        _user_at_provider(proxied, "subject-4", email=EMAIL, email_verified=True)
        with _configured(proxied):
            response = _through_provider(client, proxied, "subject-4")
    assert response.status_code == 400
    page = response.content.decode()
    assert "We could not check your sign-in with Test One Login" in page
    assert "You are not signed in" in page
    assert _signed_in_account(client) is None
    assert not ResidentAccount.objects.exists()
    assert "refused action=oidc sign-in reason=ID token refused" in caplog.text


def test_the_same_proxy_passing_the_token_untouched_signs_in(client, db, provider):
    """The tampering test's control: the proxy itself breaks nothing."""
    with _serve(_proxy(provider, lambda token: token)) as proxied:
        _user_at_provider(proxied, "subject-5", email=EMAIL, email_verified=True)
        with _configured(proxied):
            _through_provider(client, proxied, "subject-5")
    assert _signed_in_account(client).email == EMAIL


def test_a_callback_replayed_or_from_another_browser_is_refused(client, db, provider):
    from django.test import Client

    _user_at_provider(provider, "subject-6", email=EMAIL, email_verified=True)
    with _configured(provider):
        start = client.get("/account/sign-in/single-sign-on/")
        approved = requests.post(
            start["Location"], data={"sub": "subject-6"}, allow_redirects=False, timeout=10
        )
        back = urlsplit(approved.headers["Location"])
        stranger = Client()
        refused = stranger.get(f"{back.path}?{back.query}")
        assert refused.status_code == 400
        assert "did not start here" in refused.content.decode()
        assert _signed_in_account(stranger) is None
        assert client.get(f"{back.path}?{back.query}").status_code == 302
        replayed = client.get(f"{back.path}?{back.query}")
    assert replayed.status_code == 400


def test_a_resident_who_says_no_at_the_provider_is_told_so(client, db, provider):
    with _configured(provider):
        start = client.get("/account/sign-in/single-sign-on/")
        denied = requests.post(
            start["Location"], data={"action": "deny"}, allow_redirects=False, timeout=10
        )
        back = urlsplit(denied.headers["Location"])
        response = client.get(f"{back.path}?{back.query}")
    assert response.status_code == 400
    assert "You did not finish signing in with Test One Login" in response.content.decode()
    assert _signed_in_account(client) is None


def test_a_provider_that_is_down_gets_a_clear_page_not_an_error(client, db):
    with _configured("http://127.0.0.1:9"):
        response = client.get("/account/sign-in/single-sign-on/")
    assert response.status_code == 503
    assert "Test One Login is not answering" in response.content.decode()


def test_private_key_jwt_authenticates_the_council_as_gov_uk_one_login_asks(
    client, db, provider, tmp_path
):
    """With a key file and no secret, the token request carries a client assertion signed
    with the council's private key, for the token endpoint, naming the client."""
    key = RSAKey.generate_key(2048)
    key_file = tmp_path / "frontdoor-oidc.pem"
    key_file.write_bytes(key.as_pem(private=True))
    seen: list[dict] = []
    with _serve(_proxy(provider, lambda token: token, seen)) as proxied:
        _user_at_provider(proxied, "subject-7", email=EMAIL, email_verified=True)
        with _configured(proxied, secret="", key_file=str(key_file)):
            _through_provider(client, proxied, "subject-7")
    assert _signed_in_account(client).email == EMAIL
    (sent,) = seen
    assert "client_secret" not in sent
    assert sent["client_assertion_type"] == (
        "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
    )
    assertion = jwt.decode(sent["client_assertion"], key, algorithms=["RS256"]).claims
    assert assertion["iss"] == assertion["sub"] == CLIENT_ID
    assert assertion["aud"] == f"{proxied}/oauth2/token"
