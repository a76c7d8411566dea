"""Every change to staff, residents' accounts and sign-in, and the one gate that enforces
roles (`role_check`). Other apps call only these names; see accounts/README.md."""

from frontdoor.accounts.services.errors import AccountError
from frontdoor.accounts.services.oidc_sign_in import resident_sign_in_oidc
from frontdoor.accounts.services.privacy import resident_account_close, resident_data_export
from frontdoor.accounts.services.residents import (
    CHANNELS,
    TOPICS,
    CodeSent,
    account_create,
    claim_confirm,
    claim_request,
    email_normalise,
    resident_details_update,
    resident_preferences_set,
    sign_in_link_peek,
    sign_in_request,
    sign_in_with_code,
    sign_in_with_link,
)
from frontdoor.accounts.services.staff import (
    accounts_anonymise,
    role_check,
    roles_ensure,
    security_log,
    staff_create,
    team_define,
    team_member_add,
)
from frontdoor.accounts.services.two_factor import (
    staff_signed_in,
    totp_device,
    totp_device_set,
    totp_enrolment_confirm,
    totp_enrolment_start,
    totp_reset,
    totp_secret_base32,
    totp_verify,
)

__all__ = [
    "CHANNELS",
    "TOPICS",
    "AccountError",
    "CodeSent",
    "account_create",
    "accounts_anonymise",
    "claim_confirm",
    "claim_request",
    "email_normalise",
    "resident_account_close",
    "resident_data_export",
    "resident_details_update",
    "resident_preferences_set",
    "resident_sign_in_oidc",
    "role_check",
    "roles_ensure",
    "security_log",
    "sign_in_link_peek",
    "sign_in_request",
    "sign_in_with_code",
    "sign_in_with_link",
    "staff_create",
    "staff_signed_in",
    "team_define",
    "team_member_add",
    "totp_device",
    "totp_device_set",
    "totp_enrolment_confirm",
    "totp_enrolment_start",
    "totp_reset",
    "totp_secret_base32",
    "totp_verify",
]
