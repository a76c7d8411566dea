"""Synthetic council-like resident records with known truth, for the demo and benchmarks.

Strategy: "a separate generator makes large synthetic data for benchmarks" (DESIGN.md).
The errors are the ones councils see (issue 8): typos, swapped and changed surnames,
households sharing an address, namesakes at the same address, people who moved house,
day/month swaps in dates and missing fields. Every row is labelled demo data by its
source system names and carries the person it describes (`person_id`) as truth.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator

FIRST_NAMES = (
    "oliver george harry jack jacob noah charlie muhammad thomas oscar william james leo "
    "alfie henry joshua freddie archie ethan isaac alexander joseph edward samuel max "
    "daniel arthur lucas mohammed logan theo harrison benjamin mason sebastian finley "
    "adam dylan zachary riley teddy theodore david elijah jake toby louie reuben arlo "
    "hugo luca jaxon matthew harvey reggie michael harley jude albert tommy luke stanley "
    "jenson frankie jayden gabriel elliot mohammad ronnie charles louis elliott frederick "
    "nathan lewis blake rory ollie ryan tyler jackson dexter ezra caleb aaron robert "
    "olivia amelia isla ava emily isabella mia poppy ella lily evie grace sophia sophie "
    "charlotte freya daisy alice ivy scarlett florence jessica millie chloe ruby phoebe "
    "matilda harper sienna evelyn rosie willow eva lucy elsie erin holly imogen esme "
    "layla emma hannah maya thea eliza molly ellie bella aria luna zara harriet maisie "
    "lola amber violet orla martha nancy margaret susan patricia linda barbara elizabeth "
    "jennifer maria karen helen sandra donna carol ruth sharon michelle laura sarah "
    "kimberly deborah jean amara priya aisha fatima zainab maryam anaya yusuf ibrahim "
    "omar ali hassan kwame kofi chidi ngozi tunde bola wei chen mei jun hiro kenji"
).split()

SURNAMES = (
    "smith jones williams taylor brown davies evans wilson thomas johnson roberts "
    "robinson thompson wright walker white edwards hughes green hall lewis harris clarke "
    "patel jackson wood turner martin cooper hill ward morris moore clark lee king baker "
    "harrison morgan allen james scott phillips watson davis parker price bennett young "
    "griffiths mitchell kelly cook carter richardson bailey collins bell shaw murphy "
    "miller cox richards khan marshall anderson simpson ellis adams singh begum wilkinson "
    "foster chapman powell webb rogers gray mason ali hunt hussain campbell matthews owen "
    "palmer holmes mills barnes knight lloyd butler russell barker fisher stevens jenkins "
    "murray dixon harvey graham pearson ahmed fletcher walsh kaur gibson howard andrews "
    "stewart elliott reynolds saunders payne fox ford pearce day brooks west lawrence "
    "cole atkinson bradley spencer gill dawson ball burton okonkwo mensah nowak kowalski"
).split()

_SYLLABLES = (
    "ash bar brook by cal dal den ell far ford gar ham hart hol ings kin lan ley mar "
    "mer mont nor ock pen ridge ros sal shaw ston tal ton ver wick win worth"
).split()
STREETS = (
    "high church station victoria park london manor queens kings new grange mill "
    "school north south west east chapel green springfield windsor york albert "
    "cedar oak elm beech ash willow meadow orchard river bridge castle abbey"
).split()
STREET_KINDS = ("road", "street", "avenue", "close", "lane", "way", "gardens", "drive")
TOWNS = ("southampton", "eastleigh", "totton", "hedge end", "chandlers ford", "romsey")
OUTWARD = tuple(f"SO{n}" for n in (14, 15, 16, 17, 18, 19, 30, 31, 40, 50, 51, 52, 53))
SOURCES = ("council_tax", "housing", "contact_centre", "benefits", "web_forms")
PROVIDERS = ("gmail.com", "outlook.com", "yahoo.co.uk", "hotmail.co.uk", "btinternet.com")
LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
KEYBOARD = "abcdefghijklmnopqrstuvwxyz"


class _Names:
    """Names drawn with a long tail, as real name frequencies have."""

    def __init__(self, rng: random.Random, common: tuple[str, ...] | list[str], rare: int):
        self.rng = rng
        self.values = list(common)
        for _ in range(rare):
            parts = [rng.choice(_SYLLABLES) for _ in range(rng.choice((2, 2, 3)))]
            self.values.append("".join(parts))
        # Zipf-like weights: the first names are far more common than the tail.
        self.weights = [1.0 / (i + 1) ** 0.9 for i in range(len(self.values))]
        self.cumulative = list(_accumulate(self.weights))

    def draw(self) -> str:
        return self.rng.choices(self.values, cum_weights=self.cumulative, k=1)[0]


def _accumulate(values: list[float]) -> Iterator[float]:
    total = 0.0
    for value in values:
        total += value
        yield total


def _typo(rng: random.Random, text: str) -> str:
    if len(text) < 3:
        return text
    i = rng.randrange(1, len(text))
    kind = rng.random()
    if kind < 0.3:  # substitution
        return text[:i] + rng.choice(KEYBOARD) + text[i + 1 :]
    if kind < 0.55:  # deletion
        return text[:i] + text[i + 1 :]
    if kind < 0.8:  # insertion
        return text[:i] + rng.choice(KEYBOARD) + text[i:]
    if i < len(text) - 1:  # adjacent transposition
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    return text


def _postcode(rng: random.Random) -> str:
    return f"{rng.choice(OUTWARD)} {rng.randint(1, 9)}{rng.choice(LETTERS)}{rng.choice(LETTERS)}"


def _address(rng: random.Random, streets: list[tuple[str, str, str]]) -> dict:
    street, town, postcode_stem = rng.choice(streets)
    number = rng.randint(1, 180)
    # About 15 houses share a postcode: the unit is chosen by house number.
    postcode = f"{postcode_stem[:-2]}{LETTERS[(number // 15) % len(LETTERS)]}{postcode_stem[-1]}"
    return {"address_line": f"{number} {street}", "town": town, "postcode": postcode}


def _dob(rng: random.Random, low: int = 1930, high: int = 2006) -> datetime.date:
    start = datetime.date(low, 1, 1).toordinal()
    end = datetime.date(high, 12, 31).toordinal()
    return datetime.date.fromordinal(rng.randint(start, end))


def people(n_records: int, *, seed: int = 8) -> list[dict]:
    """About `n_records` rows (exactly that many) with `person_id` as the truth."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    firsts = _Names(rng, FIRST_NAMES, rare=max(50, n_records // 400))
    lasts = _Names(rng, SURNAMES, rare=max(200, n_records // 40))
    streets = [
        (
            f"{rng.choice(STREETS)} {rng.choice(STREET_KINDS)}",
            rng.choice(TOWNS),
            _postcode(rng),
        )
        for _ in range(max(20, n_records // 120))
    ]
    persons: list[dict] = []
    while len(persons) * 1.3 < n_records:
        persons.extend(_household(rng, firsts, lasts, streets, len(persons)))
    rows: list[dict] = []
    for person in persons:
        copies = 1 + (rng.random() < 0.22) + (rng.random() < 0.06) + (rng.random() < 0.02)
        for copy in range(copies):
            rows.append(_record(rng, person, lasts, streets, corrupt=copy > 0))
            if len(rows) >= n_records:
                break
        if len(rows) >= n_records:
            break
    rng.shuffle(rows)
    for number, row in enumerate(rows, start=1):
        row["unique_id"] = f"r{number}"
    return rows


def _household(rng, firsts, lasts, streets, start: int) -> list[dict]:
    address = _address(rng, streets)
    surname = lasts.draw()
    size = rng.choices((1, 2, 3, 4, 5), weights=(30, 34, 16, 14, 6))[0]
    adult = _dob(rng, 1935, 1990)
    members = []
    for i in range(size):
        if i < 2:
            dob = adult if i == 0 else _dob(rng, adult.year - 4, min(adult.year + 4, 2006))
        else:
            dob = _dob(rng, min(adult.year + 18, 2005), 2006)
        first = firsts.draw()
        if i == 2 and rng.random() < 0.08:
            first = members[0]["first_name"]  # a namesake at the same address
        if i == 3 and rng.random() < 0.1:
            dob = members[2]["dob"]  # twins
        members.append(
            {
                "person_id": start + i + 1,
                "first_name": first,
                "surname": surname if (i == 0 or rng.random() < 0.8) else lasts.draw(),
                "dob": dob,
                **address,
                "email": "",
                "phone": "",
            }
        )
    for member in members:
        if rng.random() < 0.6:
            member["email"] = (
                f"{member['first_name']}.{member['surname']}{rng.randint(1, 999)}"
                f"@{rng.choice(PROVIDERS)}"
            )
        if rng.random() < 0.6:
            member["phone"] = "07" + "".join(rng.choice("0123456789") for _ in range(9))
    return members


def _record(rng: random.Random, person: dict, lasts, streets, *, corrupt: bool) -> dict:
    row = {
        "person_id": person["person_id"],
        "source_system": rng.choice(SOURCES),
        "first_name": person["first_name"],
        "surname": person["surname"],
        "dob": person["dob"],
        "address_line": person["address_line"],
        "town": person["town"],
        "postcode": person["postcode"],
        "email": person["email"] if rng.random() < 0.7 else "",
        "phone": person["phone"] if rng.random() < 0.7 else "",
    }
    if corrupt:
        roll = rng.random
        if roll() < 0.15:
            row["first_name"] = _typo(rng, row["first_name"])
        if roll() < 0.1:
            row["surname"] = _typo(rng, row["surname"])
        if roll() < 0.05:
            row["surname"] = lasts.draw()  # changed surname
        if roll() < 0.02:
            row["first_name"], row["surname"] = row["surname"], row["first_name"]
        dob = row["dob"]
        if roll() < 0.03 and dob.day <= 12 and dob.day != dob.month:
            row["dob"] = datetime.date(dob.year, dob.day, dob.month)
        elif roll() < 0.05:
            text = dob.isoformat()
            i = rng.choice((2, 3, 5, 6, 8, 9))
            candidate = text[:i] + rng.choice("0123456789") + text[i + 1 :]
            try:
                row["dob"] = datetime.date.fromisoformat(candidate)
            except ValueError:
                pass
        if roll() < 0.1:
            row.update(_address(rng, streets))  # moved house
            if roll() < 0.5:
                row["phone"] = ""
        if roll() < 0.03 and row["postcode"]:
            pc = row["postcode"]
            row["postcode"] = pc[:-1] + rng.choice(LETTERS)
        if roll() < 0.08:
            row["dob"] = None
        if roll() < 0.03:
            row["first_name"] = row["first_name"][:1]  # an initial only
    row["dob"] = row["dob"].isoformat() if row["dob"] else ""
    for key in ("first_name", "surname", "address_line", "town"):
        row[key] = row[key].title()
    return row


def true_pairs(rows: list[dict]) -> set[tuple[str, str]]:
    """Every pair of rows describing the same person (ids sorted within a pair)."""
    by_person: dict[int, list[str]] = {}
    for row in rows:
        by_person.setdefault(row["person_id"], []).append(row["unique_id"])
    pairs = set()
    for ids in by_person.values():
        ids.sort()
        for i, left in enumerate(ids):
            for right in ids[i + 1 :]:
                pairs.add((left, right))
    return pairs
