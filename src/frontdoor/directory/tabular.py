"""The HSDS 3.0 tabular form, declared once: every table, its CSV file and its fields.

The same declaration drives the data package we export (`datapackage.json` beside one CSV
per table), the checks on an import, and the mapping onto our models, whose fields carry
the standard's names. Each field is written `name:type` with `!` for required, as in
HSDS 3.0's own `datapackage.json`; `->table` marks a foreign key.
"""

from __future__ import annotations

from dataclasses import dataclass

from frontdoor.directory import models as m


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # uuid, string, email, uri, number, integer, date, datetime, time
    required: bool = False
    references: str = ""  # the table a uuid field points at
    enum: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    name: str
    path: str
    model: type
    fields: tuple[Field, ...]

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)


def _fields(spec: str, **enums: tuple[str, ...]) -> tuple[Field, ...]:
    out = []
    for item in spec.split():
        required = "!" in item
        name, _, kind = item.replace("!", "").partition(":")
        kind, _, ref = kind.partition("->")
        out.append(Field(name, kind or "string", required, ref, enums.get(name, ())))
    return tuple(out)


_STATUS = tuple(code for code, _ in m.STATUSES)
_LOCATION = tuple(code for code, _ in m.LOCATION_TYPES)

# In dependency order: a table only refers to tables above it (or to itself).
TABLES: tuple[Table, ...] = (
    Table("organization", "organizations.csv", m.Organization, _fields(
        "id:uuid! name! alternate_name description! email:email website:uri logo uri:uri "
        "parent_organization_id:uuid->organization")),
    Table("organization_identifier", "organization_identifiers.csv", m.OrganizationIdentifier,
          _fields("id:uuid! organization_id:uuid!->organization identifier_scheme "
                  "identifier_type! identifier!")),
    Table("taxonomy", "taxonomies.csv", m.Taxonomy, _fields(
        "id:uuid! name! description! uri:uri version")),
    Table("taxonomy_term", "taxonomy_terms.csv", m.TaxonomyTerm, _fields(
        "id:uuid! code name! description! parent_id:uuid->taxonomy_term taxonomy language "
        "taxonomy_id:uuid->taxonomy term_uri:uri")),
    Table("service", "services.csv", m.Service, _fields(
        "id:uuid! organization_id:uuid!->organization name! alternate_name description "
        "url:uri email:email status! interpretation_services application_process "
        "fees_description wait_time accreditations eligibility_description "
        "minimum_age:integer maximum_age:integer assured_date:date assurer_email:email alert "
        "last_modified:datetime", status=_STATUS)),
    Table("location", "locations.csv", m.Location, _fields(
        "id:uuid! location_type! url:uri organization_id:uuid->organization name "
        "alternate_name description transportation latitude:number longitude:number "
        "external_identifier external_identifier_type", location_type=_LOCATION)),
    Table("service_at_location", "service_at_location.csv", m.ServiceAtLocation, _fields(
        "id:uuid! service_id:uuid!->service location_id:uuid!->location description")),
    Table("address", "addresses.csv", m.Address, _fields(
        "id:uuid! location_id:uuid!->location attention address_1! address_2 city! region "
        "state_province! postal_code! country! address_type!", address_type=_LOCATION)),
    Table("accessibility", "accessibility.csv", m.Accessibility, _fields(
        "id:uuid! location_id:uuid!->location description details url:uri")),
    Table("contact", "contacts.csv", m.Contact, _fields(
        "id:uuid! organization_id:uuid->organization service_id:uuid->service "
        "service_at_location_id:uuid->service_at_location location_id:uuid->location name "
        "title department email:email")),
    Table("phone", "phones.csv", m.Phone, _fields(
        "id:uuid! location_id:uuid->location service_id:uuid->service "
        "organization_id:uuid->organization contact_id:uuid->contact "
        "service_at_location_id:uuid->service_at_location number! extension:integer type "
        "description")),
    Table("schedule", "schedules.csv", m.Schedule, _fields(
        "id:uuid! service_id:uuid->service location_id:uuid->location "
        "service_at_location_id:uuid->service_at_location valid_from:date valid_to:date "
        "dtstart:date timezone:number until:date count:integer wkst freq interval:integer "
        "byday byweekno bymonthday byyearday description opens_at:time closes_at:time "
        "schedule_link:uri attending_type notes",
        freq=("WEEKLY", "MONTHLY"), wkst=("MO", "TU", "WE", "TH", "FR", "SA", "SU"))),
    Table("service_area", "service_areas.csv", m.ServiceArea, _fields(
        "id:uuid! service_id:uuid!->service name description extent extent_type uri")),
    Table("cost_option", "cost_options.csv", m.CostOption, _fields(
        "id:uuid! service_id:uuid!->service valid_from:date valid_to:date option currency "
        "amount:number amount_description")),
    Table("language", "languages.csv", m.Language, _fields(
        "id:uuid! service_id:uuid->service location_id:uuid->location phone_id:uuid->phone "
        "name code note")),
    Table("attribute", "attributes.csv", m.Attribute, _fields(
        "id:uuid! link_id:uuid! taxonomy_term_id:uuid!->taxonomy_term link_type "
        "link_entity! value")),
)  # fmt: skip
BY_NAME = {table.name: table for table in TABLES}
# Tables whose rows belong to one service: an imported service's rows replace its old ones.
SERVICE_CHILDREN = ("service_at_location", "contact", "phone", "schedule", "service_area",
                    "cost_option", "language")  # fmt: skip


def attname(table: Table, field: Field) -> str:
    """The model attribute holding a field (only taxonomy_term.taxonomy_id differs)."""
    if table.name == "taxonomy_term" and field.name == "taxonomy_id":
        return "taxonomy_ref_id"
    return field.name


FRICTIONLESS_TYPES = {
    "uuid": ("string", "uuid"),
    "email": ("string", "email"),
    "uri": ("string", "uri"),
    "string": ("string", None),
    "number": ("number", None),
    "integer": ("integer", None),
    "date": ("date", None),
    "datetime": ("datetime", None),
    "time": ("time", None),
}
