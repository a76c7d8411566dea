"""The gazetteer answers what residents type: postcodes in any case and spacing, the
addresses at them, their ward, and whether a point is the council's to deal with."""

import json

import pytest
from django.core.management import CommandError, call_command

from frontdoor.demo import places as demo_places
from frontdoor.places import queries, services
from frontdoor.places.models import Address, Postcode, Ward


@pytest.fixture
def gazetteer(db):
    demo_places.create()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("so147ly", "SO14 7LY"), (" SO14  7LY ", "SO14 7LY"), ("ec1a1bb", "EC1A 1BB"),
     ("W1A 0AX", "W1A 0AX"), ("SO14", ""), ("not a postcode", ""), ("", "")],
)  # fmt: skip
def test_postcodes_are_read_however_they_are_typed(typed, expected):
    assert queries.postcode_normalise(typed) == expected


def test_a_postcode_written_inside_a_sentence_is_found():
    assert queries.postcode_in("Outside 12 High St, so14 2dt, by the bins") == "SO14 2DT"
    assert queries.postcode_in("no postcode here") == ""


def test_every_postcode_the_demo_names_is_in_the_gazetteer_with_its_ward(gazetteer):
    for postcode in demo_places.KNOWN:
        assert queries.point_for_postcode(postcode.lower().replace(" ", "")) is not None
        assert queries.ward_for_postcode(postcode) is not None
    assert queries.ward_for_postcode("SO14 7LY").name == "Bargate"
    assert queries.ward_for_postcode("SO19 9RR").name == "Woolston"


def test_addresses_at_a_postcode_read_in_house_number_order(gazetteer):
    addresses = queries.addresses_for_postcode("so147ly")
    assert len(addresses) == demo_places.ADDRESSES_PER_POSTCODE
    numbers = [int(a.line1.split()[0]) for a in addresses]
    assert numbers == sorted(numbers)
    first = addresses[0]
    assert queries.address_for_uprn(first.uprn) == first
    assert first.label.endswith("Southampton, SO14 7LY")
    assert queries.addresses_for_postcode("ZZ99 9ZZ") == []


def test_a_point_falls_in_the_ward_whose_postcodes_surround_it(gazetteer):
    point = queries.point_for_postcode("SO17 2FW")
    assert queries.ward_for_point(point.lat, point.lng).name == "Portswood"
    assert queries.ward_for_point(51.5074, -0.1278) is None  # London is not ours


def test_the_council_boundary_holds_the_city_and_not_its_neighbours(gazetteer):
    civic_centre = queries.point_for_postcode("SO14 7LY")
    assert queries.within_council_boundary(civic_centre.lat, civic_centre.lng)
    assert not queries.within_council_boundary(50.8198, -1.0880)  # Portsmouth
    assert not queries.within_council_boundary(50.8640, -1.4950)  # across Southampton Water


def test_a_map_click_finds_the_nearest_postcode_only_when_one_is_close(gazetteer):
    point = queries.point_for_postcode("SO15 2DB")
    assert queries.postcode_near(point.lat + 0.0001, point.lng) == "SO15 2DB"
    assert queries.postcode_near(50.0, -1.4) == ""


def test_distance_is_right_to_the_metre_over_a_known_length():
    # One minute of latitude is one nautical mile: 1,852 m (to within half a percent).
    assert queries.distance_m(50.0, -1.4, 50.0 + 1 / 60, -1.4) == pytest.approx(1852, rel=0.005)


def test_a_boundary_setting_that_is_not_a_polygon_says_what_is_wrong(tmp_path, settings):
    bad = tmp_path / "boundary.geojson"
    bad.write_text(json.dumps({"type": "Point", "coordinates": [-1.4, 50.9]}))
    settings.COUNCIL_BOUNDARY = str(bad)
    with pytest.raises(Exception, match="must be a polygon"):
        queries.within_council_boundary(50.9, -1.4)


def test_one_bad_row_loads_nothing_and_the_report_names_it(db):
    report = services.gazetteer_import(
        postcodes=[
            {"postcode": "so14 7ly", "latitude": "50.9", "longitude": "-1.4"},
            {"postcode": "nonsense", "latitude": "50.9", "longitude": "-1.4"},
            {"postcode": "SO14 2DT", "latitude": "0", "longitude": "0"},
        ],
        addresses=[{"uprn": "12ab", "line1": "1 High St", "town": "X", "postcode": "SO14 7LY",
                    "latitude": 50.9, "longitude": -1.4}],
    )  # fmt: skip
    assert not report.ok
    assert any("'nonsense' is not a postcode" in p for p in report.problems)
    assert any("not in the United Kingdom" in p for p in report.problems)
    assert any("UPRN '12ab'" in p for p in report.problems)
    assert not Postcode.objects.exists() and not Address.objects.exists()


def test_the_import_command_reads_onspd_columns_and_replaces_by_key(db, tmp_path, capsys):
    wards = tmp_path / "wards.geojson"
    square = [[[-1.5, 50.8], [-1.3, 50.8], [-1.3, 51.0], [-1.5, 51.0], [-1.5, 50.8]]]
    wards.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"code": "E05000001", "name": "Central"},
         "geometry": {"type": "Polygon", "coordinates": square}}]}))  # fmt: skip
    postcodes = tmp_path / "onspd.csv"
    postcodes.write_text("pcds,lat,long,osward\nSO14 7LY,50.9086,-1.4046,E05000001\n")
    addresses = tmp_path / "addresses.csv"
    addresses.write_text(
        "uprn,line1,line2,town,postcode,latitude,longitude\n"
        "100062218231,Civic Centre,,Southampton,so147ly,50.9086,-1.4046\n"
    )
    call_command(
        "places_import", wards=str(wards), postcodes=str(postcodes), addresses=str(addresses)
    )
    assert "Loaded 1 wards, 1 postcodes and 1 addresses" in capsys.readouterr().out
    assert queries.ward_for_postcode("SO14 7LY").name == "Central"
    assert queries.address_for_uprn("100062218231").postcode == "SO14 7LY"
    # Loading again replaces rather than duplicates.
    call_command("places_import", postcodes=str(postcodes), addresses=str(addresses))
    assert (
        Postcode.objects.count() == 1 and Address.objects.count() == 1 and Ward.objects.count() == 1
    )


def test_the_import_command_refuses_a_bad_file_and_loads_nothing(db, tmp_path):
    postcodes = tmp_path / "bad.csv"
    postcodes.write_text("postcode,latitude,longitude\nSO14 7LY,north,-1.4\n")
    with pytest.raises(CommandError, match="Nothing was loaded: 1 problems"):
        call_command("places_import", postcodes=str(postcodes))
    with pytest.raises(CommandError, match="Nothing was loaded"):
        call_command("places_import", postcodes=str(tmp_path / "missing.csv"))
    assert not Postcode.objects.exists()
