from django import forms
from django.contrib.auth.forms import AuthenticationForm


class StaffSignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account has been switched off. Ask an administrator to restore it.",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.fields["username"].widget.attrs.update(
            {"autocomplete": "username", "spellcheck": "false", "autofocus": False}
        )
        self.fields["username"].widget.attrs.pop("autofocus", None)
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"


class SignOutForm(forms.Form):
    """Signing out is a POST, so another site cannot sign a member of staff out."""


_ONE_TIME_CODE = {
    "inputmode": "numeric",
    "autocomplete": "one-time-code",
    "spellcheck": "false",
    "class": "govuk-input--width-5",
}


class TotpForm(forms.Form):
    code = forms.CharField(
        label="Code from your authenticator app",
        help_text="The 6 numbers your app shows now, for example 123456",
        max_length=12,
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
        widget=forms.TextInput(attrs=_ONE_TIME_CODE),
    )


class EmailSignInForm(forms.Form):
    email = forms.CharField(
        label="Email address",
        help_text="We will email you a link and a code to sign in. You do not need a password",
        max_length=320,
        error_messages={"required": "Enter your email address"},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code from the email",
        help_text="The 6 numbers in the email, for example 123456",
        max_length=12,
        error_messages={"required": "Enter the 6-digit code"},
        widget=forms.TextInput(attrs=_ONE_TIME_CODE),
    )


class ClaimForm(forms.Form):
    address = forms.CharField(
        label="Email address or mobile number you used",
        help_text="We will send a code to it, to check it is yours",
        max_length=320,
        error_messages={"required": "Enter an email address or a mobile number"},
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
    )


class DetailsForm(forms.Form):
    full_name = forms.CharField(
        label="Full name",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    address = forms.CharField(
        label="Postal address",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4, "autocomplete": "street-address"}),
    )
    postcode = forms.CharField(
        label="Postcode",
        required=False,
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "postal-code", "class": "govuk-input--width-10"}
        ),
    )


class PreferencesForm(forms.Form):
    """One set of checkboxes per topic: email, text message, post."""

    def __init__(self, *args, topics, channels, **kwargs):
        super().__init__(*args, **kwargs)
        for code, label in topics:
            self.fields[code] = forms.MultipleChoiceField(
                label=label,
                required=False,
                choices=channels,
                widget=forms.CheckboxSelectMultiple,
                help_text="Select all that apply. Select none to hear nothing about this",
            )


class CloseAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label="I understand my account will be closed and I will be signed out",
        error_messages={"required": "Confirm you want to close your account"},
        widget=forms.CheckboxInput(attrs={"class": "govuk-checkboxes__input"}),
    )
