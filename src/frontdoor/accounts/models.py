"""People who sign in: council staff now, residents with optional accounts later."""

from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """A person who can sign in. Staff have `is_staff` and one group per role."""

    class Meta:
        db_table = "accounts_user"

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username
