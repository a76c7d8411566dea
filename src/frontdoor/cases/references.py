"""Case references a resident can read out over the phone: short, and free of characters
that look or sound alike (no 0/O, 1/I/L, 2/Z, 5/S, 8/B, U/V, no vowels so no words)."""

from __future__ import annotations

import re
import secrets

ALPHABET = "34679CDFGHJKMNPQRTWXY"
LENGTH = 8  # 21**8 is 3.8e10: collisions are rare, and a unique index catches them


def reference_new() -> str:
    code = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return f"{code[:4]}-{code[4:]}"


def reference_normalise(typed: str) -> str:
    """What a resident typed, as the reference we store: case, spaces and dashes forgiven."""
    code = re.sub(r"[\s\-–—]", "", (typed or "").upper())
    if len(code) != LENGTH:
        return code
    return f"{code[:4]}-{code[4:]}"


def reference_looks_valid(reference: str) -> bool:
    """The shape of a reference. Any letters and digits pass, so references made before a
    change of alphabet still work; new ones use only ALPHABET."""
    return bool(re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", reference))
