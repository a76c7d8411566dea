"""Load a council's gazetteer: `manage.py places_import --wards wards.geojson
--postcodes onspd.csv --addresses addresses.csv`. All or nothing."""

import csv
import json

from django.core.management.base import BaseCommand, CommandError

from frontdoor.places import services

# The ONS Postcode Directory's own column names, read as ours.
_ONSPD = {"pcds": "postcode", "pcd": "postcode", "lat": "latitude", "long": "longitude",
          "osward": "ward_code"}  # fmt: skip


def _rows(path: str):
    with open(path, newline="", encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            yield {_ONSPD.get(key, key): value for key, value in row.items() if key}


class Command(BaseCommand):
    help = "Load wards (GeoJSON), postcodes (CSV or ONSPD) and addresses with UPRNs (CSV)."

    def add_arguments(self, parser):
        parser.add_argument("--wards", help="GeoJSON FeatureCollection; properties code, name")
        parser.add_argument("--postcodes", help="CSV: postcode,latitude,longitude,ward_code")
        parser.add_argument(
            "--addresses", help="CSV: uprn,line1,line2,town,postcode,latitude,longitude"
        )

    def handle(self, *args, wards=None, postcodes=None, addresses=None, **options):
        if not (wards or postcodes or addresses):
            raise CommandError("Give at least one of --wards, --postcodes, --addresses.")
        try:
            ward_rows = []
            if wards:
                with open(wards, encoding="utf-8") as handle:
                    features = json.load(handle).get("features", [])
                ward_rows = [
                    {**f.get("properties", {}), "boundary": f.get("geometry")} for f in features
                ]
            report = services.gazetteer_import(
                wards=ward_rows,
                postcodes=_rows(postcodes) if postcodes else (),
                addresses=_rows(addresses) if addresses else (),
            )
        except (OSError, ValueError, csv.Error, AttributeError) as error:
            raise CommandError(f"Nothing was loaded: {error}") from None
        if not report.ok:
            shown = "\n".join(f"  {p}" for p in report.problems[:50])
            more = len(report.problems) - 50
            raise CommandError(
                f"Nothing was loaded: {len(report.problems)} problems\n{shown}"
                + (f"\n  … and {more} more" if more > 0 else "")
            )
        self.stdout.write(
            f"Loaded {report.wards} wards, {report.postcodes} postcodes and "
            f"{report.addresses} addresses."
        )
