"""The record-linkage pipeline: standardise, block, score with Splink (DuckDB), cluster.

Strategy: "data errors are corrected and duplicate records merged" and a "single
resident view" (Southwark 2024-26). One pipeline serves the database (services.py), any
CSV file (`manage.py link_records`), the FEBRL accuracy test and the 1,000,000-record
benchmark, so a figure measured on one is a figure for all.

It knows nothing of Django: records go in as rows (dicts, a pandas frame or a CSV file)
with the columns of `COLUMNS`, and scored pairs and clusters come out.

What is compared lives in comparisons.py; how it is trained lives here (docs/residents.md
gives the figures behind each choice):
- the prior from deterministic rules; u from random sampling or, for levels random pairs
  never reach in a large file, counted from the values (`_counted_u`);
- m by expectation maximisation in sessions that each teach only what they can learn
  (`_em_sessions`);
- a birthday shared at one address weighed against how often different people there
  share one (`_weigh_birthdays_at_home`), where the file holds households;
- blocking: comparisons.BLOCKING_KEYS, and the wider keys while the pairs stay within
  COMPARISONS_PER_RECORD (`_blocking_keys`).
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

import duckdb

from frontdoor.residents.comparisons import (
    BLOCKING_KEYS,
    NATIONAL_ID,
    SAME_DOB_AT_HOME,
    WIDER_BLOCKING_KEYS,
    settings_for,
)

COLUMNS = (
    "unique_id",
    "source_system",
    "first_name",
    "surname",
    "dob",
    "address_line",
    "town",
    "postcode",
    "email",
    "phone",
)

# A file "holds households" when at least half of its pairs at one address are
# plainly different people (first names and years of birth both differ): 78% in the
# synthetic council file, 15% in FEBRL, whose pairs at one address are mostly one person.
HOUSEHOLD_SHARE = 0.5
# Wider blocking keys are added while the pairs stay within this many per record.
COMPARISONS_PER_RECORD = 12
# m-probabilities for first names and dates of birth where no EM session could learn
# them (the demo's 505 records: two pairs share an email or phone and both have a birth
# date): what the 1,000,000-record synthetic council file taught (docs/residents.md),
# rather than Splink's starting values, which made a different birthday count for little.
UNTAUGHT_M = {
    "first_name": {
        "Exact match on first_name": 0.809,
        "First name and last name swapped": 0.015,
        "First name and last name swapped, with a slip": 0.004,
        "Jaro-Winkler distance of first_name >= 0.92": 0.118,
        "Jaro-Winkler distance of first_name >= 0.8": 0.020,
        "Initial only, and it matches": 0.030,
        "First name different": 0.003,
    },
    "dob": {
        "Same date of birth, same address": 0.0,
        "Exact match on dob": 0.949,
        "Damerau-Levenshtein distance of dob <= 1": 0.029,
        "Day and month swapped": 0.011,
        "Damerau-Levenshtein distance of dob <= 2": 0.002,
        "Date of birth different": 0.009,
    },
}
# Below this match probability a pair is not kept at all.
KEEP_PROBABILITY = 0.01
# Floor for every m-probability: EM on little data leaves unseen levels at zero, which
# would make one disagreement outweigh every other field.
M_FLOOR = 0.002

log = logging.getLogger(__name__)

# Postcodes: upper case, spaces removed, then a space before the inward code when the
# result looks like a UK postcode; other postcodes (FEBRL's Australian ones) as they are.
_UK_POSTCODE = r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$"

STANDARDISE_SQL = """
create or replace table people as
with raw as (select {select_columns} from {source})
select
    cast(unique_id as varchar) as unique_id,
    nullif(trim(cast(source_system as varchar)), '') as source_system,
    nullif(regexp_replace(lower(trim(cast(first_name as varchar))), '[^a-z ]', '', 'g'), '')
        as first_name,
    nullif(regexp_replace(lower(trim(cast(surname as varchar))), '[^a-z ]', '', 'g'), '')
        as surname,
    coalesce(
        strftime(try_cast(nullif(trim(cast(dob as varchar)), '') as date), '%Y-%m-%d'),
        -- a date that cannot be (month 20) is still evidence: one slip from the truth
        nullif(regexp_extract(trim(cast(dob as varchar)), '^[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}$'), '')
    ) as dob,
    nullif(trim(regexp_replace(lower(cast(address_line as varchar)), '[^a-z0-9 ]', ' ', 'g')), '')
        as address_line,
    nullif(regexp_extract(lower(cast(address_line as varchar)), '([0-9]+[a-z]?)', 1), '')
        as house_number,
    nullif(lower(trim(cast(town as varchar))), '') as town,
    nullif(regexp_replace(
        regexp_replace(upper(cast(postcode as varchar)), '[^A-Z0-9]', '', 'g'),
        '{uk_postcode}', '\\1 \\2'), '') as postcode,
    nullif(lower(trim(cast(email as varchar))), '') as email,
    nullif(right(regexp_replace(cast(phone as varchar), '[^0-9]', '', 'g'), 10), '') as phone
    {national_id}
from raw
"""


def _standardise(con: duckdb.DuckDBPyConnection, source: str, columns: set[str]) -> bool:
    """Make the `people` table from `source`; returns whether it has a national id."""
    has_id = NATIONAL_ID in columns
    select = ", ".join(
        (f'"{name}"' if name in columns else f"null as {name}")
        for name in (*COLUMNS, *((NATIONAL_ID,) if has_id else ()))
    )
    national = (
        f", nullif(regexp_replace(upper(cast({NATIONAL_ID} as varchar)), '[^A-Z0-9]', '', 'g'),"
        f" '') as {NATIONAL_ID}"
        if has_id
        else ""
    )
    con.execute(
        STANDARDISE_SQL.format(
            select_columns=select,
            source=source,
            uk_postcode=_UK_POSTCODE,
            national_id=national,
        )
    )
    return has_id


@dataclass
class Result:
    """What one run produced: the model used, the pairs kept and each record's cluster."""

    model: dict
    pairs: list[dict] = field(default_factory=list)
    clusters: dict[str, str] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


def versions() -> dict[str, str]:
    return {"splink": version("splink"), "duckdb": version("duckdb")}


class Pipeline:
    """One DuckDB database holding the people to link, and the Splink linker over them."""

    def __init__(self, *, threads: int | None = None, temp_dir: str | None = None):
        self.con = duckdb.connect(":memory:")
        self.con.execute(f"set threads = {int(threads or os.cpu_count() or 2)}")
        folder = temp_dir or os.path.join(tempfile.gettempdir(), "frontdoor-duckdb")
        Path(folder).mkdir(parents=True, exist_ok=True)
        self.con.execute(f"set temp_directory = '{folder}'")
        self.national_id = False
        self.count = 0
        self._census: tuple[int, int, int] | None = None

    # --- loading --------------------------------------------------------------------
    def load_rows(self, rows: Iterable[dict]) -> int:
        """Load records given as dicts (only the columns of COLUMNS and NATIONAL_ID)."""
        import pyarrow as pa

        rows = list(rows)
        wanted = [*COLUMNS, *([NATIONAL_ID] if any(NATIONAL_ID in r for r in rows) else [])]
        table = pa.table(
            {c: pa.array([_text(r.get(c)) for r in rows], type=pa.string()) for c in wanted}
        )
        return self.load_arrow(table)

    def _drop_incoming(self) -> None:
        kinds = self.con.execute(
            "select table_type from information_schema.tables where table_name = 'incoming'"
        ).fetchall()
        for (kind,) in kinds:
            if kind == "VIEW":
                self.con.unregister("incoming")
            else:
                self.con.execute("drop table incoming")

    def load_arrow(self, table) -> int:
        self.con.register("incoming", table)
        return self._finish_load("incoming", set(table.column_names))

    def load_frame(self, frame) -> int:
        self.con.register("incoming", frame)
        return self._finish_load("incoming", set(frame.columns))

    def load_csv(self, path: str | Path) -> int:
        self.con.execute(
            "create or replace table incoming as select * from read_csv(?, header = true, "
            "all_varchar = true)",
            [str(path)],
        )
        columns = {row[0] for row in self.con.execute("describe incoming").fetchall()}
        return self._finish_load("incoming", columns)

    def _finish_load(self, source: str, columns: set[str]) -> int:
        self.national_id = _standardise(self.con, source, columns)
        self._census = None
        self._drop_incoming()
        self.count = self.con.execute("select count(*) from people").fetchall()[0][0]
        return self.count

    # --- Splink ---------------------------------------------------------------------
    def _linker(self, model: dict):
        from splink import DuckDBAPI, Linker

        api = DuckDBAPI(connection=self.con)
        people = api.register("people")
        # Splink warns of levels a session cannot train; _regularise handles those.
        return Linker(people, model, log_level=logging.ERROR)

    def train(self, *, u_max_pairs: float = 1e6, em_max_pairs: float | None = None) -> dict:
        """Estimate the model's parameters with Splink's own estimators; returns the model."""
        from splink import block_on

        if em_max_pairs is None and self.count > 100_000:
            em_max_pairs = 2e6  # EM learns as well from a sample; it dominates the time
        households = self._holds_households()
        linker = self._linker(
            settings_for(
                national_id=self.national_id,
                blocking_keys=self._blocking_keys(),
                households=households,
            )
        )
        training = linker.training
        training.estimate_probability_two_random_records_match(
            [
                block_on("first_name", "surname", "dob"),
                block_on("email", "dob"),
                block_on("surname", "dob", "postcode"),
            ],
            recall=0.8,
        )
        training.estimate_u_using_random_sampling(max_pairs=u_max_pairs, seed=1)
        # Random pairs almost never share an address, email or phone in a large file, so
        # those levels' u comes from exact counts of values instead (see _counted_u).
        model = linker.misc.save_model_to_json()
        _set_u(model, self._counted_u(), unseen=0.5 / u_max_pairs)
        sessions = []
        compared = {c["output_column_name"] for c in model["comparisons"]}
        for columns, informs in self._em_sessions(compared):
            trained = self._linker(model)
            try:
                trained.training.estimate_parameters_using_expectation_maximisation(
                    block_on(*columns),
                    estimate_without_term_frequencies=True,
                    max_pairs=em_max_pairs,
                )
            except ValueError as failed:
                # On a small file EM can drive a level's m below what a float holds, and
                # Splink refuses it: that session teaches nothing, the others still do.
                log.warning("EM blocked on %s taught nothing: %s", columns, failed)
                continue
            sessions.append((trained.misc.save_model_to_json(), informs))
        _combine_sessions(model, sessions)
        _regularise(model)
        if households:
            self._weigh_birthdays_at_home(model)
        model["frontdoor"] = {
            **versions(),
            "records": self.count,
            "national_id": self.national_id,
            "households": households,
        }
        return model

    def _em_sessions(self, compared: set[str]) -> list[tuple[tuple[str, ...], set[str]]]:
        """EM sessions: the columns each blocks on, and the comparisons it may teach.

        A session cannot learn what it blocks on, and some sessions learn the wrong thing:
        people sharing a date of birth include twins, who share a household, so that
        session would teach that a different first name is common in one person's
        records; people sharing a postcode and last name are households, and would teach
        the same of dates of birth. Where the file has emails or phones, sessions blocked
        on them (one person's own) teach first names and dates of birth instead."""

        def taught_by(*columns: str) -> set[str]:
            uses = set(columns)
            if uses & {"surname", "postcode", "address_line", "house_number", "town"}:
                uses.add("surname_address")
            return compared - uses

        anchors = [c for c in ("email", "phone") if self._pairs_agreeing(c) > 0]
        if anchors:
            return [
                (("dob",), taught_by("dob") - {"first_name"}),
                *(((c,), taught_by(c)) for c in anchors),
            ]
        return [
            (("dob",), taught_by("dob")),
            (("postcode", "surname"), taught_by("postcode", "surname")),
            (("first_name",), taught_by("first_name")),
        ]

    def _pairs_agreeing(self, *keys: str, where: str = "true") -> float:
        """How many pairs of records agree on all of `keys` (none of them empty)."""
        present = " and ".join([where, *(f"{k} is not null" for k in keys)])
        sql = (
            "select coalesce(sum(n * (n - 1) / 2), 0) from (select count(*) as n "  # noqa: S608
            f"from people where {present} group by {', '.join(keys)})"
        )
        return float(self.con.execute(sql).fetchall()[0][0])

    def _blocking_keys(self) -> list[tuple[str, ...]]:
        """BLOCKING_KEYS, then each wider key while the pairs stay within budget."""
        budget = max(1e6, COMPARISONS_PER_RECORD * self.count)
        keys = list(BLOCKING_KEYS)
        pairs = sum(self._pairs_agreeing(*key) for key in keys)
        for key in WIDER_BLOCKING_KEYS:
            more = self._pairs_agreeing(*key)
            if pairs + more <= budget:
                keys.append(key)
                pairs += more
        return keys

    def _census_at_home(self) -> tuple[int, int, int]:
        """Pairs at one address whose first names plainly differ (twins, brothers and
        sisters, parents): how many share a date of birth, how many there are, and how
        many also differ in their year of birth (plainly different people)."""
        if self._census is None:
            self._census = self.con.execute(
                "select count(*) filter (where l.dob = r.dob), count(*), "
                "count(*) filter (where substr(l.dob, 1, 4) <> substr(r.dob, 1, 4)) "
                "from people l join people r on l.postcode = r.postcode "
                "and l.house_number = r.house_number and l.unique_id < r.unique_id "
                "where l.dob is not null and r.dob is not null "
                "and length(l.first_name) > 1 and length(r.first_name) > 1 "
                "and jaro_winkler_similarity(l.first_name, r.first_name) < 0.8 "
                "and not (l.first_name = r.surname and l.surname = r.first_name)"
            ).fetchall()[0]
        return self._census

    def _holds_households(self) -> bool:
        """Whether at least HOUSEHOLD_SHARE of the pairs at one address are plainly
        different people. In a file without (FEBRL), pairs at one address are mostly one
        person with a mistyped name, and last name and address are independent evidence."""
        _same, _pairs, strangers = self._census_at_home()
        return strangers >= HOUSEHOLD_SHARE * self._pairs_agreeing("postcode", "house_number")

    def _weigh_birthdays_at_home(self, model: dict) -> None:
        """Chain rule for a birthday shared at one address: m is P(same date of birth |
        same person), and u is P(same date of birth | different people at one address),
        counted among pairs at one address whose first names plainly differ. The
        address's own evidence is in the last-name-and-address comparison, so it is not
        counted twice."""
        dob = next(c for c in model["comparisons"] if c["output_column_name"] == "dob")
        by_label = {x.get("label_for_charts"): x for x in dob["comparison_levels"]}
        at_home, exact = by_label[SAME_DOB_AT_HOME], by_label["Exact match on dob"]
        same, pairs, _strangers = self._census_at_home()
        u_random = exact["u_probability"]
        at_home["u_probability"] = max(same / pairs, u_random) if pairs >= 20 else u_random
        at_home["m_probability"] = exact["m_probability"] = (
            at_home["m_probability"] + exact["m_probability"]
        )

    def _counted_u(self) -> dict[str, float]:
        """u for the rare agreement levels, from how often values repeat in the file:
        the share of all pairs of records that agree on the level's key. Pairs of one
        person's records are counted too, so these err towards less evidence."""

        pairs = self._pairs_agreeing
        total = self.count * (self.count - 1) / 2
        if total < 1:
            return {}
        house, house_surname = (
            pairs("postcode", "house_number"),
            pairs("postcode", "house_number", "surname"),
        )
        postcode, postcode_surname = pairs("postcode"), pairs("postcode", "surname")
        email = pairs("email")
        with_address = "(postcode is not null or address_line is not null)"
        reversed_names = self.con.execute(
            "select coalesce(sum(a.n * b.n), 0) / 2 from "
            "(select first_name, surname, count(*) as n from people group by all) a join "
            "(select first_name, surname, count(*) as n from people group by all) b "
            "on a.first_name = b.surname and a.surname = b.first_name "
            "where a.first_name <> a.surname"
        ).fetchall()[0][0]
        counts = {
            "Same last name and address": house_surname,
            "Same address, another last name": house - house_surname,
            "Same last name and postcode": postcode_surname - house_surname,
            "Same postcode, another last name": postcode - postcode_surname - house + house_surname,
            "Same last name, address unknown": pairs("surname")
            - pairs("surname", where=with_address),
            "Same email": email,
            "Same name before the @": pairs("split_part(email, '@', 1)") - email,
            "Same phone": pairs("phone"),
            "First name and last name swapped": float(reversed_names),
        }
        return {label: n / total for label, n in counts.items() if n > 0}

    def predict(self, model: dict, *, keep: float = KEEP_PROBABILITY) -> list[dict]:
        """Every blocked pair at or above `keep`, with its match weight per comparison."""
        linker = self._linker(_without_frontdoor(model))
        linker._settings_obj._retain_intermediate_calculation_columns = True
        predictions = linker.inference.predict(threshold_match_probability=keep)
        self._predictions = predictions
        self._predict_linker = linker
        return _fetch_dicts(self.con, f"select * from {predictions.physical_name}")  # noqa: S608

    def cluster(self, *, threshold: float) -> dict[str, str]:
        """Connected components over the last prediction's pairs at `threshold`."""
        clusters = self._predict_linker.clustering.cluster_pairwise_predictions_at_threshold(
            self._predictions, threshold_match_probability=threshold
        )
        rows = self.con.execute(
            f"select unique_id, cluster_id from {clusters.physical_name}"  # noqa: S608
        ).fetchall()
        return {str(uid): str(cid) for uid, cid in rows}

    def run(
        self,
        *,
        model: dict | None = None,
        threshold: float = 0.5,
        progress: Callable[[str], None] | None = None,
        train_options: dict | None = None,
    ) -> Result:
        """Train (unless given a model), predict and cluster: the whole deduplication."""
        import time

        say = progress or (lambda _text: None)
        seconds: dict[str, float] = {}
        started = time.perf_counter()
        if model is None:
            say("training the model")
            model = self.train(**(train_options or {}))
        seconds["train"] = time.perf_counter() - started
        say("scoring pairs")
        mark = time.perf_counter()
        pairs = self.predict(model)
        seconds["predict"] = time.perf_counter() - mark
        say("clustering")
        mark = time.perf_counter()
        clusters = self.cluster(threshold=threshold)
        seconds["cluster"] = time.perf_counter() - mark
        return Result(model=model, pairs=pairs, clusters=clusters, seconds=seconds)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _fetch_dicts(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict]:
    # Fetch fully: a half-read result breaks Splink's next query on duckdb 2.
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _without_frontdoor(model: dict) -> dict:
    return {k: v for k, v in model.items() if k != "frontdoor"}


def _combine_sessions(model: dict, sessions: list[tuple[dict, set[str]]]) -> None:
    """Each comparison's m-probabilities: the mean over the EM sessions allowed to teach
    it (see Pipeline._em_sessions); Splink's own mean would take every session. A level
    none of them saw takes UNTAUGHT_M where there is one."""
    for index, comparison in enumerate(model.get("comparisons", [])):
        column = comparison["output_column_name"]
        taught = [s["comparisons"][index] for s, informs in sessions if column in informs]
        for number, level in enumerate(comparison["comparison_levels"]):
            if level.get("is_null_level"):
                continue
            values = [
                c["comparison_levels"][number].get("m_probability")
                for c in taught
                if c["comparison_levels"][number].get("m_probability") is not None
            ]
            if values:
                level["m_probability"] = sum(values) / len(values)
            elif level.get("label_for_charts") in UNTAUGHT_M.get(column, {}):
                level["m_probability"] = UNTAUGHT_M[column][level["label_for_charts"]]


def _set_u(model: dict, counted: dict[str, float], *, unseen: float) -> None:
    """Put the counted u on their levels; a level random sampling never saw and nothing
    counted gets `unseen` (half of one sampled pair): rarer than the sample could show."""
    for comparison in model.get("comparisons", []):
        for level in comparison["comparison_levels"]:
            if level.get("is_null_level"):
                continue
            label = level.get("label_for_charts", "")
            if label in counted:
                level["u_probability"] = counted[label]
            elif level.get("u_probability") is None:
                level["u_probability"] = unseen


def _regularise(model: dict) -> None:
    """Give every level both probabilities, floor m at M_FLOOR, then make
    each comparison's m-probabilities sum to one again.

    A level the training data never showed (no address missing anywhere, say) gets
    m = u: no evidence either way, rather than Splink's default guess."""
    for comparison in model.get("comparisons", []):
        levels = [x for x in comparison["comparison_levels"] if not x.get("is_null_level")]
        for level in levels:
            m, u = level.get("m_probability"), level.get("u_probability")
            if m is None or u is None:
                level["m_probability"] = level["u_probability"] = m or u or M_FLOOR
            level["m_probability"] = max(float(level["m_probability"]), M_FLOOR)
        total = sum(level["m_probability"] for level in levels)
        for level in levels:
            level["m_probability"] /= total


def model_json(model: dict) -> str:
    return json.dumps(model, sort_keys=True)
