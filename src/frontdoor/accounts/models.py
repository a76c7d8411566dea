"""People who sign in: council staff now, residents with optional accounts later."""

from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """A person who can sign in. Staff have `is_staff` and one group per role."""

    class Meta:
        db_table = "accounts_user"

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class Team(models.Model):
    """A team of staff that owns a queue of cases (Waste, Highways, Housing repairs...)."""

    code = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=200)
    members = models.ManyToManyField(User, related_name="teams", blank=True)

    class Meta:
        db_table = "accounts_team"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
