"""One search interface over two engines: FTS5 on SQLite, tsvector with a GIN index on
PostgreSQL. Strategy: "an up-to-date comprehensive directory of activities and services
to help users find support that meets their needs" (Southampton Digital Strategy).

Both rank by field weights (name over categories over description) and stem words
(FTS5's porter tokenizer; PostgreSQL's `english` configuration). What both share lives
here, in Python: the words a council's residents use (synonyms: "bin" finds waste
services), typo tolerance (a word the directory never uses is corrected to the nearest
one it does), and dropping words that say nothing ("help with", "near me").

The index is a side table kept by `index_services`, made by migration 0002 for the
database in use; it is joined to `directory_service`, so the rest of a search (filters,
distance, paging) stays in the ORM.
"""

# Table names in SQL strings are this module's constants; every value is a parameter.
# ruff: noqa: S608
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from django.db import connection

from frontdoor.directory.models import SearchWord

SQLITE_TABLE = "directory_service_fts"
POSTGRES_TABLE = "directory_service_search"

# What residents type, and what services call it. Keys are single lower-case words.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "bin": ("waste", "recycling", "rubbish"),
    "bins": ("waste", "recycling", "rubbish"),
    "rubbish": ("waste", "recycling"),
    "gp": ("doctor", "surgery", "health centre"),
    "doctor": ("gp", "surgery"),
    "benefits": ("money advice", "welfare", "universal credit"),
    "benefit": ("money advice", "welfare", "universal credit"),
    "debt": ("money advice", "debt advice"),
    "money": ("money advice", "debt", "benefits"),
    "food": ("food bank", "meals", "pantry"),
    "hungry": ("food", "food bank", "meals"),
    "foodbank": ("food bank",),
    "housing": ("homeless", "accommodation", "tenancy"),
    "homeless": ("housing", "rough sleeping", "accommodation"),
    "mental": ("wellbeing", "counselling"),
    "depression": ("mental health", "counselling", "wellbeing"),
    "lonely": ("loneliness", "befriending", "social"),
    "kids": ("children", "family", "young people"),
    "children": ("family", "young people"),
    "elderly": ("older people", "later life"),
    "old": ("older people",),
    "job": ("employment", "work", "careers"),
    "jobs": ("employment", "work", "careers"),
    "carer": ("carers", "caring"),
    "computer": ("digital", "online", "internet"),
    "internet": ("digital", "online", "wifi"),
    "drugs": ("substance misuse", "addiction"),
    "alcohol": ("substance misuse", "addiction"),
    "abuse": ("domestic abuse", "safeguarding"),
}
STOPWORDS = frozenset(
    "a an and are as at be by for from how i in is it me my near of on or our the to "
    "with where who what can do get need needs want some any".split()
)
# Words that say nothing about which service; dropped when any other word is left.
FILLERS = frozenset("help helping support service services advice local find".split())
_WORD = re.compile(r"[a-z0-9]+")
MAX_WORDS = 8


@dataclass
class Query:
    """What a search text means: concepts (each a list of alternatives, all needed)."""

    text: str
    concepts: list[list[str]] = field(default_factory=list)
    corrections: dict[str, str] = field(default_factory=dict)  # typed word -> used word

    @property
    def corrected_text(self) -> str:
        words = _WORD.findall(self.text.lower())
        return " ".join(self.corrections.get(w, w) for w in words)

    def __bool__(self) -> bool:
        return bool(self.concepts)


def words_of(text: str) -> list[str]:
    return _WORD.findall((text or "").lower())


def _known(words: set[str]) -> set[str]:
    return set(SearchWord.objects.filter(word__in=words).values_list("word", flat=True))


def _closest(word: str) -> str | None:
    candidates = SearchWord.objects.filter(
        initial=word[0], length__gte=len(word) - 2, length__lte=len(word) + 2
    ).values_list("word", flat=True)
    found = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.75)
    if not found and len(word) > 3:
        # The first letter may be the typo ("vood"): look at words of the same length.
        same = SearchWord.objects.filter(length=len(word)).values_list("word", flat=True)[:5000]
        found = difflib.get_close_matches(word, list(same), n=1, cutoff=0.75)
    return found[0] if found else None


def parse(text: str, *, correct: bool = True) -> Query:
    """Turn what a resident typed into concepts, correcting words the directory never uses."""
    query = Query(text=text or "")
    words = [w for w in words_of(text) if w not in STOPWORDS][:MAX_WORDS]
    meaningful = [w for w in words if w not in FILLERS]
    words = meaningful or words
    if not words:
        return query
    known = _known(set(words)) if correct else set(words)
    for word in words:
        used = word
        if correct and word not in known and word not in SYNONYMS and not word.isdigit():
            better = _closest(word) if len(word) > 2 else None
            if better:
                used = better
                query.corrections[word] = better
        query.concepts.append(list(dict.fromkeys((used, *SYNONYMS.get(used, ())))))
    return query


def _fts_expression(concepts: list[list[str]], joiner: str) -> str:
    # Every alternative is letters, digits and spaces (see _WORD), so quoting is safe.
    groups = ["(" + " OR ".join(f'"{alt}"' for alt in alts) + ")" for alts in concepts]
    return f" {joiner} ".join(groups)


def _tsquery(concepts: list[list[str]], joiner: str) -> tuple[str, list[str]]:
    parts, params = [], []
    for alts in concepts:
        parts.append("(" + " || ".join("phraseto_tsquery('english', %s)" for _ in alts) + ")")
        params.extend(alts)
    return "(" + f" {'&&' if joiner == 'AND' else '||'} ".join(parts) + ")", params


def apply(queryset, query: Query, *, any_word: bool = False):
    """Keep the services that match, annotated with `search_rank` (higher is better)."""
    joiner = "OR" if any_word else "AND"
    if connection.vendor == "postgresql":
        tsq, params = _tsquery(query.concepts, joiner)
        # Table names are constants; every value the resident typed is a parameter.
        return queryset.extra(  # noqa: S610
            tables=[POSTGRES_TABLE],
            where=[
                f"{POSTGRES_TABLE}.service_id = directory_service.id",
                f"{POSTGRES_TABLE}.document @@ {tsq}",
            ],
            params=params,
            select={"search_rank": f"ts_rank({POSTGRES_TABLE}.document, {tsq})"},
            select_params=params,
        )
    return queryset.extra(  # noqa: S610
        tables=[SQLITE_TABLE],
        where=[
            f"{SQLITE_TABLE}.service_id = directory_service.id",
            f"{SQLITE_TABLE} MATCH %s",
        ],
        params=[_fts_expression(query.concepts, joiner)],
        # bm25 is lower for better matches; columns: service_id, name, keywords, description.
        select={"search_rank": f"-bm25({SQLITE_TABLE}, 0.0, 10.0, 4.0, 1.0)"},
    )


def _hex(service_id) -> str:
    return service_id.hex if hasattr(service_id, "hex") else str(service_id).replace("-", "")


def index_services(documents: list[tuple]) -> None:
    """(Re)index services: each document is (service_id, name, keywords, description)."""
    if not documents:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            ids = [str(d[0]) for d in documents]
            cursor.execute(
                f"DELETE FROM {POSTGRES_TABLE} WHERE service_id = ANY(%s::uuid[])", [ids]
            )
            cursor.executemany(
                f"INSERT INTO {POSTGRES_TABLE} (service_id, document) VALUES (%s, "
                "setweight(to_tsvector('english', %s), 'A') || "
                "setweight(to_tsvector('english', %s), 'B') || "
                "setweight(to_tsvector('english', %s), 'C'))",
                [(str(d[0]), d[1], d[2], d[3]) for d in documents],
            )
        else:
            hexes = [_hex(d[0]) for d in documents]
            for start in range(0, len(hexes), 500):
                chunk = hexes[start : start + 500]
                marks = ",".join("%s" for _ in chunk)
                cursor.execute(f"DELETE FROM {SQLITE_TABLE} WHERE service_id IN ({marks})", chunk)
            cursor.executemany(
                f"INSERT INTO {SQLITE_TABLE} (service_id, name, keywords, description) "
                "VALUES (%s, %s, %s, %s)",
                [(_hex(d[0]), d[1], d[2], d[3]) for d in documents],
            )
    vocabulary = {w for d in documents for text in d[1:] for w in words_of(text)}
    vocabulary |= set(SYNONYMS)
    SearchWord.objects.bulk_create(
        [SearchWord(word=w[:64], initial=w[0], length=len(w)) for w in vocabulary if len(w) > 1],
        ignore_conflicts=True,
        batch_size=1000,
    )


def unindex_services(service_ids: list) -> None:
    with connection.cursor() as cursor:
        for sid in service_ids:
            if connection.vendor == "postgresql":
                cursor.execute(f"DELETE FROM {POSTGRES_TABLE} WHERE service_id = %s", [str(sid)])
            else:
                cursor.execute(f"DELETE FROM {SQLITE_TABLE} WHERE service_id = %s", [_hex(sid)])


def create_index_sql(vendor: str) -> list[str]:
    """The side table for the database in use (migration 0002)."""
    if vendor == "postgresql":
        return [
            f"CREATE TABLE IF NOT EXISTS {POSTGRES_TABLE} "
            "(service_id uuid PRIMARY KEY, document tsvector NOT NULL)",
            f"CREATE INDEX IF NOT EXISTS {POSTGRES_TABLE}_document "
            f"ON {POSTGRES_TABLE} USING GIN (document)",
        ]
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {SQLITE_TABLE} USING fts5("
        "service_id UNINDEXED, name, keywords, description, "
        "tokenize = 'porter unicode61 remove_diacritics 2')"
    ]


def drop_index_sql(vendor: str) -> list[str]:
    table = POSTGRES_TABLE if vendor == "postgresql" else SQLITE_TABLE
    return [f"DROP TABLE IF EXISTS {table}"]
