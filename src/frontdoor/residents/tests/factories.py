"""Small factories for resident tests: a trained model, staff, records, CSV files."""

from __future__ import annotations

import csv
import functools
import itertools
from pathlib import Path

from django.utils import timezone

from frontdoor.accounts import roles
from frontdoor.accounts import services as accounts
from frontdoor.residents import linkage, synthetic
from frontdoor.residents.models import LinkageModel

_numbers = itertools.count(1)


@functools.cache
def trained_model() -> dict:
    """One model trained on 600 synthetic people, shared by the tests that need one."""
    pipeline = linkage.Pipeline(threads=2)
    pipeline.load_rows(synthetic.people(600, seed=3))
    return pipeline.train(u_max_pairs=2e5)


def model_stored() -> LinkageModel:
    trained = trained_model()
    return LinkageModel.objects.create(
        version=1,
        trained_at=timezone.now(),
        splink_version=trained["frontdoor"]["splink"],
        duckdb_version=trained["frontdoor"]["duckdb"],
        records=trained["frontdoor"]["records"],
        settings=trained,
    )


def staff(*held: str, username: str = "", password: str | None = None):
    return accounts.staff_create(
        username=username or f"staff{next(_numbers)}",
        full_name="Dana Example",
        email="dana@example.gov.uk",
        roles=list(held),
        password=password,
    )


def data_officer(username: str = "", password: str | None = None):
    return staff(roles.DATA_OFFICER, username=username, password=password)


def person(**overrides) -> dict:
    fields = {
        "source_system": "council_tax",
        "source_id": f"CT{next(_numbers)}",
        "first_name": "Amara",
        "surname": "Okonkwo",
        "dob": "1984-03-12",
        "address_line": "12 Cedar Road",
        "town": "Southampton",
        "postcode": "SO14 7LY",
        "email": "amara@example.com",
        "phone": "07700 900123",
    }
    fields.update(overrides)
    return fields


def csv_file(path: Path, rows: list[dict], header: list[str] | None = None) -> Path:
    columns = header or list(linkage.COLUMNS)
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path
