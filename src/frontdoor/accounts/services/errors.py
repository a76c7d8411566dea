"""What the accounts services refuse, with a message fit to show the person."""


class AccountError(Exception):
    """A refusal: `message` says what went wrong and what to do; `field` names the input."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
