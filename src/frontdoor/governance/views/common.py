"""What every governance page shares: the board check and GOV.UK error handling."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import render

from frontdoor.accounts import queries as accounts
from frontdoor.accounts import roles

BOARD = roles.BOARD_MEMBER


def is_board(request) -> bool:
    return accounts.has_role(user=request.user, roles=(BOARD,))


def attempt(form, call):
    """Run a service; its ValidationError lands on the form as GOV.UK errors."""
    try:
        return call()
    except ValidationError as error:
        form.add_error(None, error)
        return None


def form_page(request, template, context, form):
    return render(request, template, {**context, "form": form}, status=400 if form.errors else 200)
