"""OpenID Connect sign-in for residents, with any standards-compliant provider.

Strategy: "a single front door for Southwark residents with a single sign-on experience"
(Southwark 2024-26). GOV.UK One Login is the target: the authorisation code flow with
PKCE, a nonce, and `private_key_jwt` client authentication when a key is configured.

Authlib makes the authorisation request and the token exchange; joserfc checks the ID
token's signature against the provider's published keys (JWKS), and its issuer,
audience, expiry and nonce. A token that fails any check signs nobody in.
"""

from __future__ import annotations

import logging
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

import requests
from authlib.integrations.requests_client import OAuth2Session
from django.conf import settings
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

log = logging.getLogger("frontdoor.security")

HTTP_TIMEOUT_SECONDS = 10
_DISCOVERY_TTL_SECONDS = 3600
_ALGORITHMS = ["RS256", "ES256", "PS256"]
_discovered: dict[str, tuple[float, dict]] = {}


class OidcError(Exception):
    """The provider's answer cannot be trusted or used; `message` is fit to show."""

    def __init__(self, message: str, *, reason: str = ""):
        super().__init__(message)
        self.message = message
        self.reason = reason or message


def configured() -> bool:
    return bool(settings.OIDC_ISSUER and settings.OIDC_CLIENT_ID)


def provider_name() -> str:
    return settings.OIDC_PROVIDER_NAME


def _issuer() -> str:
    return settings.OIDC_ISSUER.rstrip("/")


def discovery() -> dict:
    """The provider's metadata, read from its well-known address (kept for an hour)."""
    issuer = _issuer()
    found = _discovered.get(issuer)
    if found and found[0] > time.monotonic():
        return found[1]
    try:
        response = requests.get(
            f"{issuer}/.well-known/openid-configuration", timeout=HTTP_TIMEOUT_SECONDS
        )
        response.raise_for_status()
        metadata = response.json()
    except (requests.RequestException, ValueError) as error:
        raise OidcError(_unavailable(), reason=f"discovery failed: {error}") from None
    if str(metadata.get("issuer", "")).rstrip("/") != issuer:
        raise OidcError(_unavailable(), reason="discovery issuer does not match OIDC_ISSUER")
    _discovered[issuer] = (time.monotonic() + _DISCOVERY_TTL_SECONDS, metadata)
    return metadata


def _unavailable() -> str:
    return f"{provider_name()} is not answering. Try again later, or sign in with your email"


def _session(redirect_uri: str) -> OAuth2Session:
    metadata = discovery()
    key_file = settings.OIDC_PRIVATE_KEY_FILE
    if key_file and not settings.OIDC_CLIENT_SECRET:
        from authlib.oauth2.rfc7523 import PrivateKeyJWT

        session = OAuth2Session(
            settings.OIDC_CLIENT_ID,
            Path(key_file).read_text(),
            token_endpoint_auth_method="private_key_jwt",  # noqa: S106 (a method name)
            redirect_uri=redirect_uri,
            scope=settings.OIDC_SCOPES,
            code_challenge_method="S256",
        )
        session.register_client_auth_method(PrivateKeyJWT(metadata["token_endpoint"]))
        return session
    return OAuth2Session(
        settings.OIDC_CLIENT_ID,
        settings.OIDC_CLIENT_SECRET,
        token_endpoint_auth_method="client_secret_basic",  # noqa: S106 (a method name)
        redirect_uri=redirect_uri,
        scope=settings.OIDC_SCOPES,
        code_challenge_method="S256",
    )


@dataclass(frozen=True)
class Start:
    """Where to send the resident, and what to keep in their session until they return."""

    url: str
    state: str
    nonce: str
    code_verifier: str


def authorization_start(*, redirect_uri: str) -> Start:
    metadata = discovery()
    state, nonce = secrets.token_urlsafe(24), secrets.token_urlsafe(24)
    code_verifier = secrets.token_urlsafe(48)
    url, _ = _session(redirect_uri).create_authorization_url(
        metadata["authorization_endpoint"],
        state=state,
        nonce=nonce,
        code_verifier=code_verifier,
    )
    return Start(url=url, state=state, nonce=nonce, code_verifier=code_verifier)


@dataclass(frozen=True)
class Identity:
    issuer: str
    subject: str
    email: str
    email_verified: bool
    name: str


def _keys(metadata: dict) -> KeySet:
    try:
        response = requests.get(metadata["jwks_uri"], timeout=HTTP_TIMEOUT_SECONDS)
        response.raise_for_status()
        return KeySet.import_key_set(response.json())
    except (requests.RequestException, ValueError, KeyError, JoseError) as error:
        raise OidcError(_unavailable(), reason=f"keys unavailable: {error}") from None


def id_token_claims(*, id_token: str, nonce: str, metadata: dict | None = None) -> dict:
    """The claims of an ID token whose signature, issuer, audience, expiry and nonce all
    check out; else OidcError. Strategy: "sensitive data is digitally protected"."""
    metadata = metadata or discovery()
    refused = (
        f"We could not check your sign-in with {provider_name()}, so you are not signed in. "
        "Try again"
    )
    try:
        token = jwt.decode(id_token, _keys(metadata), algorithms=_ALGORITHMS)
        jwt.JWTClaimsRegistry(
            leeway=60,
            iss={"essential": True, "value": metadata["issuer"]},
            aud={"essential": True, "value": settings.OIDC_CLIENT_ID},
            sub={"essential": True},
            exp={"essential": True},
            nonce={"essential": True, "value": nonce},
        ).validate(token.claims)
    except (JoseError, ValueError, TypeError) as error:
        raise OidcError(refused, reason=f"ID token refused: {error!r}") from None
    audience = token.claims["aud"]
    if isinstance(audience, list) and len(audience) > 1:
        if token.claims.get("azp") != settings.OIDC_CLIENT_ID:
            raise OidcError(refused, reason="ID token for several audiences without our azp")
    return token.claims


def authorization_finish(
    *, redirect_uri: str, callback_url: str, state: str, nonce: str, code_verifier: str
) -> Identity:
    """Exchange the code the provider sent back for tokens, check the ID token, and read
    the resident's verified email (from the token or the userinfo endpoint)."""
    metadata = discovery()
    session = _session(redirect_uri)
    try:
        tokens = session.fetch_token(
            metadata["token_endpoint"],
            authorization_response=callback_url,
            state=state,
            code_verifier=code_verifier,
            timeout=HTTP_TIMEOUT_SECONDS,
        )
    except Exception as error:  # noqa: BLE001 (Authlib raises many kinds; all mean "refused")
        raise OidcError(
            f"{provider_name()} did not confirm your sign-in. Try again",
            reason=f"token exchange failed: {error!r}",
        ) from None
    if "id_token" not in tokens:
        raise OidcError(_unavailable(), reason="no ID token in the token response")
    claims = id_token_claims(id_token=tokens["id_token"], nonce=nonce, metadata=metadata)
    email = claims.get("email")
    verified = claims.get("email_verified")
    if not email and metadata.get("userinfo_endpoint"):
        try:
            info = session.get(metadata["userinfo_endpoint"], timeout=HTTP_TIMEOUT_SECONDS)
            info.raise_for_status()
            userinfo = info.json()
        except (requests.RequestException, ValueError) as error:
            raise OidcError(_unavailable(), reason=f"userinfo failed: {error!r}") from None
        # The userinfo answer is about the same person only if its subject matches.
        if userinfo.get("sub") != claims["sub"]:
            raise OidcError(_unavailable(), reason="userinfo subject differs from the ID token")
        email, verified = userinfo.get("email"), userinfo.get("email_verified")
    return Identity(
        issuer=metadata["issuer"],
        subject=str(claims["sub"]),
        email=str(email or ""),
        # Only an address the provider says it checked may join earlier requests.
        email_verified=verified is True or verified == "true",
        name=str(claims.get("name", "")),
    )
