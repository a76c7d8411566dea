"""What the linkage model compares, and which pairs it compares at all.

Strategy: "a single customer record" (Southampton 2018-22), "single resident view"
(Southwark 2024-26). linkage.py trains and runs the model; this module defines it: the
comparisons for people data (for a file with households and for one without), the
blocking keys, and how a scored pair is explained to a data officer. docs/residents.md
gives the figures behind each choice.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

# A national identifier (FEBRL's soc_sec_id, an NI number): used when the input has it.
NATIONAL_ID = "national_id"

# One house: the same postcode and house number (or line), or the same line and number
# in the same town when the postcode has a slip.
SAME_HOUSE = (
    "((postcode_l = postcode_r and (house_number_l = house_number_r "
    "or address_line_l = address_line_r)) "
    "or ((house_number_l = house_number_r "
    "or (house_number_l is null and house_number_r is null)) "
    "and (postcode_l = postcode_r or town_l = town_r) "
    "and jaro_winkler_similarity(address_line_l, address_line_r) >= 0.9))"
)
SAME_DOB_AT_HOME = "Same date of birth, same address"
AT_ONE_ADDRESS = {
    "Same last name and address",
    "Similar last name, same address",
    "Same address, another last name",
}


def comparisons(*, national_id: bool, households: bool = True) -> list:
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl

    def name(column: str, other: str) -> Any:
        return cl.CustomComparison(
            output_column_name=column,
            comparison_levels=[
                cll.NullLevel(column),
                cll.ExactMatchLevel(column).configure(tf_adjustment_column=column),
                cll.ColumnsReversedLevel(column, other, symmetrical=True).configure(
                    label_for_charts="First name and last name swapped"
                ),
                cll.CustomLevel(
                    f"jaro_winkler_similarity({column}_l, {other}_r) >= 0.9 and "
                    f"jaro_winkler_similarity({other}_l, {column}_r) >= 0.9",
                    label_for_charts="First name and last name swapped, with a slip",
                ),
                cll.JaroWinklerLevel(column, 0.92),
                cll.JaroWinklerLevel(column, 0.8),
                cll.CustomLevel(
                    f"(length({column}_l) = 1 or length({column}_r) = 1) and "
                    f"substr({column}_l, 1, 1) = substr({column}_r, 1, 1)",
                    label_for_charts="Initial only, and it matches",
                ),
                cll.ElseLevel().configure(label_for_charts=f"{LABELS[column]} different"),
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
            # Twins share a birthday and a home: at one address a shared date of birth is
            # weighed against how often different people there share one (see
            # Pipeline._weigh_birthdays_at_home), not against any two people.
            *(
                [
                    cll.CustomLevel(
                        f"dob_l = dob_r and {SAME_HOUSE}", label_for_charts=SAME_DOB_AT_HOME
                    )
                ]
                if households
                else []
            ),
            cll.ExactMatchLevel("dob"),
            cll.DamerauLevenshteinLevel("dob", 1),
            dob_swapped,
            cll.DamerauLevenshteinLevel("dob", 2),
            cll.ElseLevel().configure(label_for_charts="Date of birth different"),
        ],
        comparison_description="Date of birth (typing slips, day and month swapped)",
    )
    # Last name and address are compared together: people in one household share both,
    # so counting them as independent evidence made household members (twins, namesakes)
    # look like one person. Within one address a shared last name is weak evidence and its
    # rarity says nothing; elsewhere it is strong, and rarer names stronger still.
    no_address = (
        "((postcode_l is null or postcode_r is null) "
        "and (address_line_l is null or address_line_r is null))"
    )
    surname_same = "surname_l = surname_r"
    surname_close = "jaro_winkler_similarity(surname_l, surname_r) >= 0.92"

    def level(sql: str, label: str, **options) -> Any:
        return cll.CustomLevel(sql, label_for_charts=label).configure(**options)

    tf = {"tf_adjustment_column": "surname", "disable_tf_exact_match_detection": True}
    household = cl.CustomComparison(
        output_column_name="surname_address",
        comparison_levels=[
            level(
                f"(surname_l is null or surname_r is null) and {no_address}",
                "Last name and address missing",
                is_null_level=True,
            ),
            level(f"{surname_same} and {SAME_HOUSE}", "Same last name and address"),
            level(f"{surname_close} and {SAME_HOUSE}", "Similar last name, same address"),
            level(SAME_HOUSE, "Same address, another last name"),
            level(f"{surname_same} and postcode_l = postcode_r", "Same last name and postcode"),
            level(f"{surname_same} and {no_address}", "Same last name, address unknown", **tf),
            level(surname_same, "Same last name, another address", **tf),
            level(surname_close, "Similar last name, another address"),
            level(
                "jaro_winkler_similarity(surname_l, surname_r) >= 0.8",
                "Last name fairly similar, another address",
            ),
            level("postcode_l = postcode_r", "Same postcode, another last name"),
            level(
                "split_part(postcode_l, ' ', 1) = split_part(postcode_r, ' ', 1) "
                "or town_l = town_r",
                "Same district or town, another last name",
            ),
            cll.ElseLevel().configure(label_for_charts="Last name and address different"),
        ],
        comparison_description="Last name and address, together (households share both)",
    )
    email = cl.CustomComparison(
        output_column_name="email",
        comparison_levels=[
            cll.NullLevel("email"),
            cll.ExactMatchLevel("email").configure(label_for_charts="Same email"),
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
            cll.ExactMatchLevel("phone").configure(label_for_charts="Same phone"),
            cll.DamerauLevenshteinLevel("phone", 1),
            cll.ElseLevel(),
        ],
        comparison_description="Phone",
    )
    if households:
        comparisons = [name("first_name", "surname"), dob, household]
    else:
        comparisons = [name("first_name", "surname"), name("surname", "first_name"), dob]
        comparisons += _address_parts()
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


def _address_parts() -> list:
    """For a file without households (FEBRL): last name, address line, town and postcode
    are independent evidence there, and a slip in one leaves the others standing."""
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl

    def part(column: str, label: str, *close: Any) -> Any:
        return cl.CustomComparison(
            output_column_name=column,
            comparison_levels=[
                cll.NullLevel(column),
                cll.ExactMatchLevel(column).configure(label_for_charts=f"Same {label}"),
                *close,
                cll.ElseLevel().configure(label_for_charts=f"{label.capitalize()} different"),
            ],
            comparison_description=label.capitalize(),
        )

    return [
        part(
            "address_line",
            "address line",
            cll.JaroWinklerLevel("address_line", 0.9),
            cll.JaroWinklerLevel("address_line", 0.75),
        ),
        part("town", "town", cll.JaroWinklerLevel("town", 0.9)),
        part("postcode", "postcode", cll.DamerauLevenshteinLevel("postcode", 1)),
    ]


# Blocking: which pairs are scored at all. The first rules are always used; the wider
# ones only while the pairs they add stay within linkage.COMPARISONS_PER_RECORD, so a
# small file (FEBRL) is searched widely and 1,000,000 records stay within a minute. On
# 1,000,000 synthetic records (first name, last name) alone made two-thirds of all pairs
# and found 112 true and 97 false pairs that no other rule did (docs/residents.md).
BLOCKING_KEYS = (
    ("postcode", "substr(first_name, 1, 1)"),
    ("dob", "substr(first_name, 1, 1)"),
    ("dob", "substr(surname, 1, 1)"),
    ("dob", "postcode"),
    ("email",),
    ("phone",),
    ("address_line", "town"),
)
WIDER_BLOCKING_KEYS = (
    ("surname", "postcode"),
    ("postcode", "house_number"),
    ("first_name", "surname"),
    ("dob", "town"),
    ("dob",),
    ("address_line",),
    ("first_name", "house_number"),
    ("surname", "house_number"),
    ("first_name", "town"),
    ("surname", "town"),
    ("substr(surname, 1, 3)", "postcode"),
    ("first_name", "substr(surname, 1, 3)"),
)


def blocking_rules(keys: Iterable[tuple[str, ...]], *, national_id: bool) -> list:
    from splink import block_on

    rules = [block_on(*key) for key in keys]
    if national_id:
        rules.append(block_on(NATIONAL_ID))
    return rules


def settings_for(
    *, national_id: bool, blocking_keys=BLOCKING_KEYS, households: bool = True
) -> dict:
    """The untrained model: comparisons and blocking rules for people data."""
    from splink import SettingsCreator

    creator = SettingsCreator(
        link_type="dedupe_only",
        comparisons=comparisons(national_id=national_id, households=households),
        blocking_rules_to_generate_predictions=blocking_rules(
            blocking_keys, national_id=national_id
        ),
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=True,
        additional_columns_to_retain=["source_system"],
    )
    return creator.get_settings("duckdb").as_dict()


LABELS = {
    "first_name": "First name",
    "dob": "Date of birth",
    "surname_address": "Last name and address",
    "surname": "Last name",
    "address_line": "Address line",
    "town": "Town",
    "postcode": "Postcode",
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


# Levels that put two records at one home or on one contact detail. A pair without any
# (the same name and birthday at another address, no email or phone) may be a person who
# moved or a namesake: services.py never merges those without a data officer.
ANCHOR_LEVELS = AT_ONE_ADDRESS | {"Same email", "Same phone", "Same address line"}


def anchored(fields: list[dict]) -> bool:
    """Whether a pair's field weights (field_weights) put it at one home or contact."""
    return any(field["level"] in ANCHOR_LEVELS for field in fields)
