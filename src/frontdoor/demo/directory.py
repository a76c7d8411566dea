"""The demo council's service directory: a few hundred plausible local services across
the main branches of a demo subset of the LGA Community Services list, made as an HSDS
feed and loaded through the directory's own import (so it is checked like any feed).

`feed(count=..., seed=...)` is also the benchmark's generator: any number of services,
the same shapes. Every name, number and address here is made up and labelled demo data.

Strategy: "an up-to-date comprehensive directory of activities and services to help
users find support that meets their needs" (Southampton Digital Strategy 2018-22).
"""

from __future__ import annotations

import datetime
import functools
import random
import re
import uuid

from django.utils import timezone

from frontdoor.demo.places import WARDS
from frontdoor.directory import services as directory
from frontdoor.places import queries as places

NAMESPACE = uuid.UUID("6f1d8a52-3c1e-4a8e-9d7b-0c2f5e6a9b11")
TAXONOMY_URI = "http://id.esd.org.uk/list/communityServices"


def _id(*parts) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts)))


# (category, [(term, description, service nouns, age range, usual cost, extra words)])
CATEGORIES = [
    ("Food and essentials", [
        ("Food banks", "Emergency food parcels for people in crisis.",
         ["Food Bank", "Community Food Bank", "Emergency Food Parcels"], None, 0,
         "Emergency food parcels, toiletries and baby supplies. Referral helpful but not needed."),
        ("Community meals", "Hot meals shared with neighbours.",
         ["Community Kitchen", "Warm Meal Club", "Soup Kitchen"], None, 0,
         "A free hot meal and a warm welcome. Everyone is welcome, no questions asked."),
        ("Community pantries", "Low-cost groceries for members.",
         ["Community Pantry", "Community Fridge", "Food Club"], None, 4,
         "Choose ten items of food and household essentials for a small weekly fee."),
    ]),
    ("Money and benefits", [
        ("Money and debt advice", "Free, confidential help with debts and budgeting.",
         ["Money Advice", "Debt Advice Drop-in", "Budgeting Help"], (18, None), 0,
         "Help with debts, budgeting, priority bills and dealing with creditors."),
        ("Benefits advice", "Help to claim benefits such as Universal Credit.",
         ["Benefits Advice", "Universal Credit Help", "Welfare Rights"], (16, None), 0,
         "Check what benefits you can claim, help with forms, appeals and Universal Credit."),
        ("Help with energy bills", "Advice on energy bills, grants and keeping warm.",
         ["Energy Advice", "Warm Homes Advice"], None, 0,
         "Help with gas and electricity bills, meters, grants and keeping your home warm."),
    ]),
    ("Health and wellbeing", [
        ("Mental health and wellbeing", "Talking therapies, peer support and wellbeing groups.",
         ["Wellbeing Cafe", "Talking Therapies", "Peer Support Group"], (16, None), 0,
         "Support for anxiety, low mood and stress. Counselling and peer support."),
        ("Health centres", "GP surgeries and community health clinics.",
         ["Health Centre", "Medical Practice", "Walk-in Clinic"], None, 0,
         "NHS GP surgery: appointments with a doctor or nurse, repeat prescriptions."),
        ("Stop smoking", "Help to stop smoking and vaping.",
         ["Stop Smoking Clinic", "Quit Smoking Support"], (12, None), 0,
         "Free stop smoking support with medication and weekly check-ins."),
        ("Physical activity", "Exercise classes and walking groups for health.",
         ["Health Walks", "Gentle Exercise Class", "Chair Yoga"], (18, None), 3,
         "Friendly exercise for all abilities to improve health and meet people."),
    ]),
    ("Housing", [
        ("Homelessness advice", "Help if you are homeless or may lose your home.",
         ["Housing Options", "Homelessness Prevention", "Rough Sleeping Outreach"], (16, None), 0,
         "Advice if you are homeless or at risk of losing your home, emergency accommodation."),
        ("Tenancy support", "Help to keep your tenancy and manage your home.",
         ["Tenancy Support", "Private Renters Advice"], (18, None), 0,
         "Support with rent, repairs, landlords and managing your tenancy."),
        ("Home adaptations", "Adaptations and equipment so you can live safely at home.",
         ["Home Adaptations", "Handyperson Service"], (18, None), 15,
         "Grab rails, ramps and small repairs for older and disabled residents."),
    ]),
    ("Families and children", [
        ("Family hubs", "Support for families with children from pregnancy to 19.",
         ["Family Hub", "Children's Centre"], (0, 19), 0,
         "Stay and play, health visitors, parenting advice and support for families."),
        ("Parenting support", "Courses and groups for parents and carers.",
         ["Parenting Course", "Dads Group", "Parent and Toddler Group"], None, 0,
         "Parenting courses and friendly groups for mums, dads and carers."),
        ("Youth clubs", "Clubs and activities for young people.",
         ["Youth Club", "Young People's Project", "Holiday Activities"], (11, 19), 1,
         "Sports, games, music and trips for young people. Holiday activities with food."),
    ]),
    ("Older people", [
        ("Lunch clubs", "Meals and company for older people.",
         ["Lunch Club", "Friendship Lunch"], (60, None), 5,
         "A two-course lunch with good company. Transport can be arranged."),
        ("Befriending", "Regular visits and calls for people who feel lonely.",
         ["Befriending Service", "Telephone Friendship"], (60, None), 0,
         "A volunteer visits or phones each week. For people who feel lonely or isolated."),
        ("Day centres", "Day care and activities for older people.",
         ["Day Centre", "Memory Cafe"], (65, None), 12,
         "Activities, meals and personal care in a safe, friendly place. Dementia friendly."),
    ]),
    ("Work and learning", [
        ("Employment support", "Help to find work, training and volunteering.",
         ["Employment Hub", "Jobs Club", "Careers Advice"], (16, None), 0,
         "Help with CVs, job applications, interviews and finding training."),
        ("Adult learning", "Courses for adults: English, maths and more.",
         ["Adult Learning", "English Classes (ESOL)", "Maths for Adults"], (19, None), 0,
         "Free courses in English, maths and skills for work."),
        ("Digital skills", "Help to get online and use computers and phones.",
         ["Digital Drop-in", "Get Online Sessions", "Tablet Lending"], None, 0,
         "Help using computers, phones and the internet. Free wifi and devices to borrow."),
    ]),
    ("Community and leisure", [
        ("Libraries", "Books, computers, events and help in your local library.",
         ["Library"], None, 0,
         "Borrow books, use computers and free wifi, join reading groups and events."),
        ("Sports and leisure", "Sports centres, pools and clubs.",
         ["Sports Centre", "Swimming Pool", "Community Sports Club"], None, 5,
         "Swimming, gym and classes for all ages. Concessions available."),
        ("Volunteering", "Ways to give your time in your community.",
         ["Volunteer Centre", "Community Volunteering"], (16, None), 0,
         "Find volunteering roles that suit you and support for community groups."),
    ]),
    ("Safety and support", [
        ("Domestic abuse support", "Confidential help for anyone experiencing domestic abuse.",
         ["Domestic Abuse Support", "Safe Space Drop-in"], (16, None), 0,
         "Confidential support, safety planning and refuge for anyone affected by abuse."),
        ("Drug and alcohol support", "Help with drug and alcohol use.",
         ["Recovery Service", "Alcohol Support Group"], (18, None), 0,
         "Support and treatment for drug and alcohol use, for you or someone you care about."),
        ("Carers support", "Help for people who look after someone.",
         ["Carers Centre", "Young Carers Project"], None, 0,
         "Advice, breaks and support groups for unpaid carers."),
    ]),
    ("Waste and recycling", [
        ("Household waste and recycling", "Bins, recycling and household waste sites.",
         ["Household Waste Recycling Centre", "Bulky Waste Collection", "Recycling Advice"],
         None, 0, "Household waste, recycling and rubbish: what goes in which bin."),
    ]),
]  # fmt: skip

ORG_KINDS = [
    ("Trust", "A local charity working with residents of {area}."),
    ("Community Association", "Run by and for people who live in {area}."),
    ("Network", "Partners working together across {area}."),
]
PATTERNS = [
    ("MO,TU,WE,TH,FR", "09:00", "17:00"),
    ("MO,WE,FR", "10:00", "14:00"),
    ("TU,TH", "13:00", "16:00"),
    ("SA", "10:00", "13:00"),
    ("SA,SU", "11:00", "15:00"),
    ("MO,TU,WE,TH,FR,SA", "08:30", "18:00"),
    ("WE", "18:00", "20:00"),
    ("FR,SA", "12:00", "14:00"),
]
LANGUAGES = [("English", "en"), ("Polish", "pl"), ("Punjabi", "pa"), ("Arabic", "ar")]


def taxonomy_rows() -> tuple[dict, list[dict]]:
    taxonomy = {
        "id": _id("taxonomy"),
        "name": "LGA Community Services (demo subset)",
        "description": "A plausible subset of the LGA Community Services list, which Open "
        "Referral UK recommends, made for the demo council.",
        "uri": TAXONOMY_URI,
        "version": "demo",
    }
    terms = []
    for category, subs in CATEGORIES:
        parent = _id("term", category)
        terms.append({
            "id": parent, "name": category, "description": f"{category}: every service.",
            "taxonomy": taxonomy["name"], "taxonomy_id": taxonomy["id"],
            "code": "demo-" + category.lower().replace(" ", "-"),
        })  # fmt: skip
        for name, description, *_ in subs:
            terms.append({
                "id": _id("term", category, name), "name": name, "description": description,
                "parent_id": parent, "taxonomy": taxonomy["name"],
                "taxonomy_id": taxonomy["id"],
                "code": "demo-" + name.lower().replace(" ", "-"),
            })  # fmt: skip
    return taxonomy, terms


def _near(rng: random.Random, ward) -> tuple[float, float]:
    _, lat, lng, *_ = ward
    return round(lat + rng.uniform(-0.006, 0.006), 6), round(lng + rng.uniform(-0.009, 0.009), 6)


@functools.lru_cache(maxsize=4096)
def _postcode_cached(lat: float, lng: float) -> str:
    return places.postcode_near(lat, lng, within_m=3000)


def _postcode_near(lat: float, lng: float) -> str:
    # About 100 m squares: near enough for a demo address, and cheap for 50,000 services.
    return _postcode_cached(round(lat, 3), round(lng, 3))


def feed(*, count: int = 320, seed: int = 2026, today: datetime.date | None = None) -> list[dict]:
    """`count` plausible services as full HSDS 3.0 service objects."""
    rng = random.Random(seed)  # noqa: S311 - repeatable demo data, not secrets
    today = today or timezone.localdate()
    taxonomy, terms = taxonomy_rows()
    term_by_id = {t["id"]: t for t in terms}
    subcats = [(cat, sub) for cat, subs in CATEGORIES for sub in subs]
    orgs = {}
    services = []
    used: set[str] = set()
    for n in range(count):
        category, (term, _, nouns, ages, cost, words) = subcats[n % len(subcats)]
        ward = WARDS[(n * 7 + n // len(subcats)) % len(WARDS)]
        area = ward[0]
        noun = nouns[(n // len(subcats)) % len(nouns)]
        street = rng.choice(ward[4])
        name = f"{area} {noun}"
        if name in used:
            name = f"{noun}, {street}"
        if name in used:
            name = f"{area} {noun} ({n})"
        used.add(name)
        council = category in ("Waste and recycling", "Housing", "Community and leisure")
        org_key = "council" if council else f"{area}-{n % 3}"
        if org_key not in orgs:
            kind, about = ORG_KINDS[n % 3]
            orgs[org_key] = {
                "id": _id("org", org_key),
                "name": "Southampton City Council (demo)" if council else f"{area} {kind}",
                "description": "The demo council's own services."
                if council
                else about.format(area=area),
                "website": "https://www.example.gov.uk"
                if council
                else f"https://{area.lower().replace(' ', '')}.example.org",
            }
        sid = _id("service", n, seed)
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower().replace("'", "")).strip("-")
        checked = today - datetime.timedelta(days=rng.randint(5, 230))
        lat, lng = _near(rng, ward)
        postcode = _postcode_near(lat, lng) or ward[3][0] + "AA"
        pattern = rng.choice(PATTERNS)
        online_only = term in ("Befriending", "Digital skills") and n % 2 == 0
        svc = {
            "id": sid,
            "name": name,
            "description": f"{words} Run in {area} by {orgs[org_key]['name']}.",
            "status": "active" if n % 41 else "temporarily closed",
            "url": f"https://{slug[:40]}.example.org",
            "email": f"{slug[:30]}@example.org",
            "assured_date": checked.isoformat(),
            "assurer_email": "directory@example.gov.uk",
            "last_modified": f"{checked.isoformat()}T09:00:00.000Z",
            "organization": orgs[org_key],
            "attributes": [
                {
                    "id": _id("attr", sid, term),
                    "taxonomy_term_id": _id("term", category, term),
                    "link_type": "category",
                    "link_entity": "service",
                    "taxonomy_term": term_by_id[_id("term", category, term)],
                }
            ],  # fmt: skip
            "schedules": [
                {
                    "id": _id("schedule", sid),
                    "freq": "WEEKLY",
                    "interval": 1,
                    "byday": pattern[0],
                    "opens_at": pattern[1],
                    "closes_at": pattern[2],
                    "description": "Closed on bank holidays.",
                    "attending_type": "online" if online_only else "in person",
                }
            ],  # fmt: skip
            "service_areas": [
                {
                    "id": _id("area", sid),
                    "name": "Southampton (demo council area)",
                    "extent_type": "text",
                    "extent": "Southampton",
                }
            ],  # fmt: skip
            "languages": [{"id": _id("lang", sid), "name": "English", "code": "en"}],
            "phones": [
                {
                    "id": _id("phone", sid),
                    "number": f"023 8049 6{n % 1000:03d}",
                    "type": "voice",
                    "description": "Demo number",
                }
            ],  # fmt: skip
            "contacts": [
                {
                    "id": _id("contact", sid),
                    "name": "Service coordinator",
                    "title": "Coordinator",
                    "email": f"{slug[:30]}@example.org",
                }
            ],  # fmt: skip
        }
        if n % 5 == 0:
            lang, code = LANGUAGES[1 + n % 3]
            svc["languages"].append({"id": _id("lang2", sid), "name": lang, "code": code})
        if ages:
            svc["minimum_age"] = ages[0]
            if ages[1] is not None:
                svc["maximum_age"] = ages[1]
        amount = cost if cost and n % 3 else 0
        svc["cost_options"] = [{
            "id": _id("cost", sid), "option": "Per session" if amount else "Free",
            "amount": amount, "currency": "GBP",
            "amount_description": f"£{amount} per session" if amount else "Free of charge",
        }]  # fmt: skip
        if amount:
            svc["fees_description"] = f"£{amount} per session; free for people on benefits."
        locations = []
        if online_only:
            locations.append({
                "id": _id("sal", sid), "service_id": sid, "location_id": _id("loc", sid),
                "location": {"id": _id("loc", sid), "location_type": "virtual",
                             "name": "Online and by phone", "url": svc["url"]},
            })  # fmt: skip
        else:
            locations.append({
                "id": _id("sal", sid), "service_id": sid, "location_id": _id("loc", sid),
                "location": {
                    "id": _id("loc", sid), "location_type": "physical",
                    "name": f"{area} Community Centre" if n % 2 else f"{area} Hub",
                    "latitude": lat, "longitude": lng,
                    "addresses": [{
                        "id": _id("addr", sid), "address_1": f"{rng.randint(1, 200)} {street}",
                        "city": "Southampton", "state_province": "Hampshire",
                        "postal_code": postcode, "country": "GB", "address_type": "physical",
                    }],
                    "accessibility": [{
                        "id": _id("access", sid),
                        "description": "Step-free entrance and accessible toilet."
                        if n % 4 else "Two steps at the entrance; ask for the ramp.",
                    }],
                },
            })  # fmt: skip
        svc["service_at_locations"] = locations
        services.append(svc)
    return services


def create() -> None:
    taxonomy, terms = taxonomy_rows()
    directory.taxonomy_define(taxonomy=taxonomy, terms=terms)
    directory.directory_import_feed(data=feed(), source="demo council directory (generated)")
