"""Residents' addresses, under /account/."""

from django.urls import path

from frontdoor.accounts.views import account, sign_in

app_name = "account"

urlpatterns = [
    path("", account.home, name="home"),
    path("sign-in/", sign_in.sign_in, name="sign-in"),
    path("sign-in/check-email/", sign_in.check_email, name="check-email"),
    path("sign-in/link/<str:token>/", sign_in.link, name="link"),
    path("sign-in/single-sign-on/", sign_in.oidc_start, name="oidc-start"),
    path("sign-in/single-sign-on/callback/", sign_in.oidc_callback, name="oidc-callback"),
    path("sign-out/", sign_in.sign_out, name="sign-out"),
    path("requests/<str:reference>/", account.case, name="case"),
    path("messages/", account.message_list, name="messages"),
    path("details/", account.details, name="details"),
    path("preferences/", account.preferences, name="preferences"),
    path("earlier-requests/", account.claim, name="claim"),
    path("earlier-requests/code/", account.claim_code, name="claim-code"),
    path("your-data/", account.data, name="data"),
    path("your-data/download/", account.data_download, name="data-download"),
    path("close/", account.close, name="close"),
]
