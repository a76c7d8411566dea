from django import forms

from frontdoor.core.forms import DateField


class AuditSearchForm(forms.Form):
    subject_id = forms.CharField(
        label="Record", required=False, help_text="A case reference, for example K7QM-4XTD"
    )
    actor = forms.CharField(label="Username of the person", required=False)
    action = forms.ChoiceField(label="What they did", required=False)
    since = DateField(label="From", subject="start date", required=False)
    until = DateField(label="To", subject="end date", required=False)

    def __init__(self, *args, actions: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", "Anything")] + [(a, a) for a in actions]
        self.fields["subject_id"].widget.attrs["spellcheck"] = "false"

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", "The end date must be the same as or after the start date")
        return cleaned
