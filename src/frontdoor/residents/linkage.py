"""The record-linkage pipeline: standardise, block, score with Splink (DuckDB), cluster.

Strategy: "data errors are corrected and duplicate records merged" and a "single
resident view" (Southwark 2024-26). One pipeline serves the database (services.py), any
CSV file (`manage.py link_records`), the FEBRL accuracy test and the 1,000,000-record
benchmark, so a figure measured on one is a figure for all.

It knows nothing of Django: records go in as rows (dicts, a pandas frame or a CSV file)
with the columns of `COLUMNS`, and scored pairs and clusters come out.

Modelling choices (see docs/residents.md):
- names: Jaro-Winkler levels with term-frequency adjustment on the exact level, and a
  level for forename and surname written the other way round;
- date of birth: exact, one typing slip (Damerau-Levenshtein 1, which covers adjacent
  transpositions), day and month swapped, within two edits, else;
- address modelled ONCE (postcode and address line together), so a household sharing an
  address is not counted twice as evidence;
- email and phone: exact and near-exact;
- parameters: the prior from deterministic rules, u from random sampling, m by
  expectation maximisation, all Splink's own estimators; then the m-probability of "date
  of birth completely different" is capped, because EM puts namesakes in a household
  there (measured in ../shared/notes/linkage.md).
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
# A national identifier (FEBRL's soc_sec_id, an NI number): used when the input has it.
NATIONAL_ID = "national_id"

# Below this match probability a pair is not kept at all.
KEEP_PROBABILITY = 0.01
# Cap for m("date of birth completely different"): see the module docstring.
DOB_DIFFERENT_M_CAP = 0.01
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
    strftime(try_cast(nullif(trim(cast(dob as varchar)), '') as date), '%Y-%m-%d') as dob,
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


def _comparisons(*, national_id: bool) -> list:
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl

    def name(column: str, other: str) -> Any:
        return cl.CustomComparison(
            output_column_name=column,
            comparison_levels=[
                cll.NullLevel(column),
                cll.ExactMatchLevel(column).configure(tf_adjustment_column=column),
                cll.ColumnsReversedLevel(column, other, symmetrical=True),
                cll.JaroWinklerLevel(column, 0.92),
                cll.JaroWinklerLevel(column, 0.8),
                cll.CustomLevel(
                    f"(length({column}_l) = 1 or length({column}_r) = 1) and "
                    f"substr({column}_l, 1, 1) = substr({column}_r, 1, 1)",
                    label_for_charts="Initial only, and it matches",
                ),
                cll.ElseLevel(),
            ],
            comparison_description=f"{column} (Jaro-Winkler, term frequencies)",
        )

    dob_swapped = cll.CustomLevel(
        "substr(dob_l, 1, 4) = substr(dob_r, 1, 4) and substr(dob_l, 6, 2) = "
        "substr(dob_r, 9, 2) and substr(dob_l, 9, 2) = substr(dob_r, 6, 2)",
        label_for_charts="Day and month swapped",
    )
    dob = cl.CustomComparison(
        output_column_name="dob",
        comparison_levels=[
            cll.NullLevel("dob"),
            cll.ExactMatchLevel("dob"),
            cll.DamerauLevenshteinLevel("dob", 1),
            dob_swapped,
            cll.DamerauLevenshteinLevel("dob", 2),
            cll.ElseLevel().configure(label_for_charts="Date of birth different"),
        ],
        comparison_description="Date of birth (typing slips, day and month swapped)",
    )
    # Postcode and address line are one piece of evidence: one comparison.
    same_postcode = "postcode_l = postcode_r"
    line_close = "jaro_winkler_similarity(address_line_l, address_line_r) >= 0.9"
    number_same = "house_number_l = house_number_r"
    address = cl.CustomComparison(
        output_column_name="address",
        comparison_levels=[
            cll.CustomLevel(
                "(postcode_l is null or postcode_r is null) and "
                "(address_line_l is null or address_line_r is null)",
                label_for_charts="Address missing",
            ).configure(is_null_level=True),
            cll.CustomLevel(
                f"{same_postcode} and address_line_l = address_line_r",
                label_for_charts="Same address",
            ),
            cll.CustomLevel(
                f"{same_postcode} and ({number_same} or {line_close})",
                label_for_charts="Same postcode and house, address written differently",
            ),
            cll.CustomLevel(
                f"{number_same} and {line_close} and town_l = town_r",
                label_for_charts="Same address line and town, postcode differs",
            ),
            cll.CustomLevel(same_postcode, label_for_charts="Same postcode, another house"),
            cll.CustomLevel(
                "split_part(postcode_l, ' ', 1) = split_part(postcode_r, ' ', 1) "
                "or town_l = town_r",
                label_for_charts="Same district or town",
            ),
            cll.ElseLevel().configure(label_for_charts="Different address"),
        ],
        comparison_description="Address (postcode and address line, modelled once)",
    )
    email = cl.CustomComparison(
        output_column_name="email",
        comparison_levels=[
            cll.NullLevel("email"),
            cll.ExactMatchLevel("email"),
            cll.CustomLevel(
                "split_part(email_l, '@', 1) = split_part(email_r, '@', 1)",
                label_for_charts="Same name before the @",
            ),
            cll.JaroWinklerLevel("email", 0.88),
            cll.ElseLevel(),
        ],
        comparison_description="Email",
    )
    phone = cl.CustomComparison(
        output_column_name="phone",
        comparison_levels=[
            cll.NullLevel("phone"),
            cll.ExactMatchLevel("phone"),
            cll.DamerauLevenshteinLevel("phone", 1),
            cll.ElseLevel(),
        ],
        comparison_description="Phone",
    )
    comparisons = [name("first_name", "surname"), name("surname", "first_name"), dob, address]
    comparisons += [email, phone]
    if national_id:
        comparisons.append(
            cl.CustomComparison(
                output_column_name=NATIONAL_ID,
                comparison_levels=[
                    cll.NullLevel(NATIONAL_ID),
                    cll.ExactMatchLevel(NATIONAL_ID),
                    cll.DamerauLevenshteinLevel(NATIONAL_ID, 1),
                    cll.ElseLevel(),
                ],
                comparison_description="National identifier",
            )
        )
    return comparisons


def _blocking_rules(*, national_id: bool) -> list:
    from splink import block_on

    rules = [
        block_on("postcode", "substr(first_name, 1, 1)"),
        block_on("dob", "substr(first_name, 1, 1)"),
        block_on("dob", "substr(surname, 1, 1)"),
        block_on("first_name", "surname"),
        block_on("email"),
        block_on("phone"),
        block_on("address_line", "town"),
        block_on("dob", "postcode"),
        block_on("dob", "town"),
        block_on("postcode", "house_number"),
        block_on("surname", "postcode"),
    ]
    if national_id:
        rules.append(block_on(NATIONAL_ID))
    return rules


def settings_for(*, national_id: bool) -> dict:
    """The untrained model: comparisons and blocking rules for people data."""
    from splink import SettingsCreator

    creator = SettingsCreator(
        link_type="dedupe_only",
        comparisons=_comparisons(national_id=national_id),
        blocking_rules_to_generate_predictions=_blocking_rules(national_id=national_id),
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=True,
        additional_columns_to_retain=["source_system"],
    )
    return creator.get_settings("duckdb").as_dict()


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
        self._drop_incoming()
        self.count = self.con.execute("select count(*) from people").fetchall()[0][0]
        return self.count

    # --- Splink ---------------------------------------------------------------------
    def _linker(self, model: dict):
        from splink import DuckDBAPI, Linker

        api = DuckDBAPI(connection=self.con)
        people = api.register("people")
        return Linker(people, model, log_level=logging.WARNING)

    def train(self, *, u_max_pairs: float = 1e6, em_max_pairs: float | None = None) -> dict:
        """Estimate the model's parameters with Splink's own estimators; returns the model."""
        from splink import block_on

        if em_max_pairs is None and self.count > 100_000:
            em_max_pairs = 2e6  # EM learns as well from a sample; it dominates the time
        linker = self._linker(settings_for(national_id=self.national_id))
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
        for rule in (block_on("dob"), block_on("postcode", "surname"), block_on("first_name")):
            training.estimate_parameters_using_expectation_maximisation(
                rule, estimate_without_term_frequencies=True, max_pairs=em_max_pairs
            )
        model = linker.misc.save_model_to_json()
        _regularise(model)
        model["frontdoor"] = {
            **versions(),
            "records": self.count,
            "national_id": self.national_id,
        }
        return model

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


def _regularise(model: dict) -> None:
    """Floor every m-probability at M_FLOOR and cap m("date of birth different"), then
    make each comparison's m-probabilities sum to one again."""
    for comparison in model.get("comparisons", []):
        levels = [
            x
            for x in comparison["comparison_levels"]
            if not x.get("is_null_level") and "m_probability" in x
        ]
        for level in levels:
            level["m_probability"] = max(float(level["m_probability"]), M_FLOOR)
            if level.get("label_for_charts") == "Date of birth different":
                level["m_probability"] = min(level["m_probability"], DOB_DIFFERENT_M_CAP)
        total = sum(level["m_probability"] for level in levels)
        for level in levels:
            level["m_probability"] /= total


LABELS = {
    "first_name": "First name",
    "surname": "Last name",
    "dob": "Date of birth",
    "address": "Address and postcode",
    "email": "Email",
    "phone": "Phone",
    NATIONAL_ID: "National identifier",
}


def field_weights(pair: dict, model: dict) -> list[dict]:
    """Per comparison: the level Splink chose and its match weight (why it thinks so)."""
    out = []
    for comparison in model.get("comparisons", []):
        column = comparison["output_column_name"]
        gamma = pair.get(f"gamma_{column}")
        weight = pair.get(f"mw_{column}")
        levels = [x for x in comparison["comparison_levels"] if not x.get("is_null_level")]
        label = "Missing on one side"
        if gamma is not None and 0 <= gamma < len(levels):
            # Splink numbers the levels from the last (0) up to the first.
            label = levels[len(levels) - 1 - gamma].get("label_for_charts", "")
        tf = pair.get(f"mw_tf_adj_{column}")
        out.append(
            {
                "comparison": column,
                "label": LABELS.get(column, column),
                "level": label,
                "match_weight": None if weight is None else float(weight) + float(tf or 0),
            }
        )
    return out


def model_json(model: dict) -> str:
    return json.dumps(model, sort_keys=True)
