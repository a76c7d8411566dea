"""How a published dataset is described to others: DCAT-AP (JSON-LD) and CKAN's package
dict. Both are built from the same Dataset rows, with absolute addresses."""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.urls import reverse
from django.utils.text import slugify

from frontdoor.opendata import registry
from frontdoor.opendata.packaging import LICENCE

FREQUENCIES = {
    "daily": "http://publications.europa.eu/resource/authority/frequency/DAILY",
    "weekly": "http://publications.europa.eu/resource/authority/frequency/WEEKLY",
    "monthly": "http://publications.europa.eu/resource/authority/frequency/MONTHLY",
}
FILE_TYPES = {
    "csv": "http://publications.europa.eu/resource/authority/file-type/CSV",
    "json": "http://publications.europa.eu/resource/authority/file-type/JSON",
    "datapackage": "http://publications.europa.eu/resource/authority/file-type/JSON",
}
THEME = "http://publications.europa.eu/resource/authority/data-theme/GOVE"
PUBLIC = "http://publications.europa.eu/resource/authority/access-right/PUBLIC"
CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "spdx": "http://spdx.org/rdf/terms#",
}


def organization_name() -> str:
    return slugify(settings.COUNCIL_NAME) or "council"


def organization_id() -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"frontdoor:organization:{organization_name()}"))


def file_url(base: str, dataset, name: str, version: int | None = None) -> str:
    if version is None:
        return base + reverse("opendata:latest-file", args=[dataset.slug, name])
    return base + reverse("opendata:file", args=[dataset.slug, version, name])


def _theme(dataset) -> str:
    spec = registry.spec_get(dataset.slug)
    return spec.theme if spec else THEME


def dcat_dataset(dataset, *, base: str, with_context: bool = True) -> dict:
    """A DCAT-AP dataset with a distribution per file of the newest version."""
    latest = dataset.latest
    landing = base + reverse("opendata:dataset", args=[dataset.slug])
    described = {
        "@id": landing + "#dataset",
        "@type": "dcat:Dataset",
        "dct:identifier": str(dataset.pk),
        "dct:title": dataset.title,
        "dct:description": dataset.description,
        "dcat:keyword": list(dataset.keywords),
        "dct:issued": {"@value": dataset.issued_at.isoformat(), "@type": "xsd:dateTime"},
        "dct:modified": {"@value": latest.published_at.isoformat(), "@type": "xsd:dateTime"},
        "dct:accrualPeriodicity": {"@id": FREQUENCIES[dataset.frequency]},
        "dct:publisher": {
            "@id": base + "/#organization",
            "@type": "foaf:Organization",
            "foaf:name": settings.COUNCIL_NAME,
        },
        "dcat:contactPoint": {
            "@type": "vcard:Organization",
            "vcard:fn": settings.COUNCIL_NAME,
            "vcard:hasURL": {"@id": settings.COUNCIL_URL or base + "/"},
        },
        "dct:license": {"@id": LICENCE["path"]},
        "dct:accessRights": {"@id": PUBLIC},
        "dcat:theme": {"@id": _theme(dataset)},
        "dcat:landingPage": {"@id": landing},
        "owl:versionInfo": str(latest.version),
        "dcat:distribution": [
            {
                "@id": file_url(base, dataset, f.name, latest.version),
                "@type": "dcat:Distribution",
                "dct:title": f.name,
                "dcat:accessURL": {"@id": file_url(base, dataset, f.name, latest.version)},
                "dcat:downloadURL": {"@id": file_url(base, dataset, f.name, latest.version)},
                "dct:format": {"@id": FILE_TYPES[f.format]},
                "dcat:mediaType": {
                    "@id": f"https://www.iana.org/assignments/media-types/{f.media_type}"
                },
                "dcat:byteSize": {"@value": str(f.bytes), "@type": "xsd:nonNegativeInteger"},
                "dct:license": {"@id": LICENCE["path"]},
                "dct:modified": {
                    "@value": latest.published_at.isoformat(),
                    "@type": "xsd:dateTime",
                },
                "spdx:checksum": {
                    "@type": "spdx:Checksum",
                    "spdx:algorithm": {"@id": "http://spdx.org/rdf/terms#checksumAlgorithm_sha256"},
                    "spdx:checksumValue": f.sha256,
                },
            }
            for f in latest.files.all()
        ],
    }
    return {"@context": CONTEXT, **described} if with_context else described


def dcat_catalogue(datasets: list, *, base: str) -> dict:
    return {
        "@context": CONTEXT,
        "@id": base + reverse("opendata:catalogue-jsonld"),
        "@type": "dcat:Catalog",
        "dct:title": f"{settings.COUNCIL_NAME} open data",
        "dct:description": "Open data published by the council under the Open Government Licence.",
        "dct:publisher": {
            "@id": base + "/#organization",
            "@type": "foaf:Organization",
            "foaf:name": settings.COUNCIL_NAME,
        },
        "dct:license": {"@id": LICENCE["path"]},
        "dcat:dataset": [dcat_dataset(d, base=base, with_context=False) for d in datasets],
    }


def ckan_time(value) -> str:
    """CKAN's own form: UTC without an offset, to the microsecond."""
    return value.astimezone(datetime.UTC).replace(tzinfo=None).isoformat(timespec="microseconds")


def ckan_organization(*, base: str, package_count: int) -> dict:
    return {
        "id": organization_id(),
        "name": organization_name(),
        "title": settings.COUNCIL_NAME,
        "display_name": settings.COUNCIL_NAME,
        "description": "The council's own open data.",
        "image_url": "",
        "created": "2024-01-01T00:00:00.000000",
        "is_organization": True,
        "approval_status": "approved",
        "state": "active",
        "type": "organization",
        "package_count": package_count,
    }


def ckan_package(dataset, *, base: str, package_count: int) -> dict:
    latest = dataset.latest
    landing = base + reverse("opendata:dataset", args=[dataset.slug])
    resources = [
        {
            "id": str(uuid.uuid5(dataset.pk, f.name)),
            "package_id": str(dataset.pk),
            "url": file_url(base, dataset, f.name, None),
            "name": f.name,
            "description": f"{dataset.title} ({f.format.upper()}), version {latest.version}",
            "format": "JSON" if f.format == "datapackage" else f.format.upper(),
            "mimetype": f.media_type,
            "size": f.bytes,
            "hash": f"sha256:{f.sha256}",
            "created": ckan_time(latest.published_at),
            "last_modified": ckan_time(latest.published_at),
            "position": position,
            "resource_type": "file",
            "url_type": None,
            "state": "active",
            "datastore_active": False,
        }
        for position, f in enumerate(latest.files.all())
    ]
    tags = [
        {
            "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"frontdoor:tag:{k}")),
            "name": k,
            "display_name": k,
            "vocabulary_id": None,
            "state": "active",
        }
        for k in dataset.keywords
    ]
    return {
        "id": str(dataset.pk),
        "name": dataset.slug,
        "title": dataset.title,
        "notes": dataset.description,
        "author": settings.COUNCIL_NAME,
        "author_email": None,
        "maintainer": settings.COUNCIL_NAME,
        "maintainer_email": None,
        "license_id": LICENCE["name"],
        "license_title": LICENCE["title"],
        "license_url": LICENCE["path"],
        "isopen": True,
        "url": landing,
        "version": str(latest.version),
        "state": "active",
        "type": "dataset",
        "private": False,
        "owner_org": organization_id(),
        "organization": ckan_organization(base=base, package_count=package_count),
        "metadata_created": ckan_time(dataset.issued_at),
        "metadata_modified": ckan_time(latest.published_at),
        "tags": tags,
        "groups": [],
        "extras": [
            {"key": "frequency", "value": dataset.frequency},
            {"key": "dcat", "value": landing + "dcat.jsonld"},
        ],
        "resources": resources,
        "num_resources": len(resources),
        "num_tags": len(tags),
        "relationships_as_object": [],
        "relationships_as_subject": [],
    }
