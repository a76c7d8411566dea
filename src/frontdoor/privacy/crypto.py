"""Encryption at rest with the `cryptography` package's Fernet (AES-128-CBC + HMAC-SHA256).

Strategy: "all data is securely held; sensitive data is digitally protected and safely
handled" (Southampton 2018-22). No hand-made cryptography: Fernet is the library's
recipe for symmetric encryption; MultiFernet lets keys be rotated.
"""

from __future__ import annotations

import base64
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

# Every Fernet token starts with its version byte 0x80, which base64 writes as "gAAAAA".
TOKEN_PREFIX = b"gAAAAA"


class CannotDecrypt(Exception):
    """The data was encrypted with a key that is no longer configured, or was altered."""


def _derived_key() -> bytes:
    """A key derived from SECRET_KEY, for a laptop or demo with no key of its own."""
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"frontdoor-privacy-at-rest")
    return base64.urlsafe_b64encode(hkdf.derive(settings.SECRET_KEY.encode()))


@cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    chosen = [key.encode() for key in keys] or [_derived_key()]
    return MultiFernet([Fernet(key) for key in chosen])


def fernet() -> MultiFernet:
    return _fernet(tuple(getattr(settings, "PRIVACY_ENCRYPTION_KEYS", ()) or ()))


def encrypt(data: bytes) -> bytes:
    return fernet().encrypt(data)


def decrypt(token: bytes) -> bytes:
    try:
        return fernet().decrypt(token)
    except InvalidToken:
        raise CannotDecrypt("The data cannot be decrypted with the configured keys") from None


def looks_encrypted(data: bytes) -> bool:
    return data.startswith(TOKEN_PREFIX)
