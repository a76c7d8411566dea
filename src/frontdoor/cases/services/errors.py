"""What a case service refuses, each with a message fit to show the person who asked."""


class CaseError(ValueError):
    """A request about a case that cannot be done as asked; nothing was changed."""

    code = "invalid"
    field = ""

    def __init__(self, message: str, *, field: str = ""):
        super().__init__(message)
        self.message = message
        self.field = field or self.field


class CaseNotFound(CaseError):
    code = "not_found"


class IllegalTransition(CaseError):
    code = "illegal_transition"
    field = "transition"


class StaleCase(CaseError):
    """Someone else changed the case since this person loaded it."""

    code = "stale"


class FileRejected(CaseError):
    code = "file_rejected"
    field = "file"
