"""A wrong encryption key stops start-up with one sentence, not a failure at first upload."""

from __future__ import annotations

from django.core import checks


@checks.register(checks.Tags.security)
def encryption_keys(app_configs, **kwargs):
    from frontdoor.privacy import crypto

    try:
        crypto.fernet()
    except (ValueError, TypeError):
        return [
            checks.Error(
                "PRIVACY_ENCRYPTION_KEYS must be Fernet keys: 32 bytes in url-safe base64 each, "
                "separated by commas.",
                id="privacy.E001",
            )
        ]
    return []
