"""The top journeys as published demo forms, made from the YAML in demo/forms/: the same
files a council would keep under version control and import through the builder."""

from __future__ import annotations

from pathlib import Path

from frontdoor.accounts import queries as accounts
from frontdoor.journeys import services as journeys

FORMS_DIR = Path(__file__).resolve().parent / "forms"


def form_files() -> list[Path]:
    return sorted(FORMS_DIR.glob("*.yaml"))


def create() -> None:
    manager = accounts.staff_list().get(username="manager")
    for path in form_files():
        form = journeys.form_import(by=manager, yaml_text=path.read_text())
        journeys.form_publish(slug=form.slug, by=manager)
