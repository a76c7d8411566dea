"""What a residents service refuses, each with a message fit to show the person who asked."""


class ResidentError(ValueError):
    """A request about resident records that cannot be done as asked; nothing was changed."""

    code = "invalid"
    field = ""

    def __init__(self, message: str, *, field: str = ""):
        super().__init__(message)
        self.message = message
        self.field = field or self.field


class ResidentNotFound(ResidentError):
    code = "not_found"


class MergeRefused(ResidentError):
    code = "merge_refused"
