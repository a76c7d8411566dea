"""`make bench`: run every benchmark in bench/ (or those named) and update docs/performance.md."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # so `bench.*` imports resolve

NOT_BENCHMARKS = {"run", "harness", "settings", "urls", "__init__"}


def main(names: list[str]) -> None:
    available = sorted(
        p.stem for p in Path(__file__).parent.glob("*.py") if p.stem not in NOT_BENCHMARKS
    )
    for name in names or available:
        if name not in available:
            raise SystemExit(f"No benchmark called {name!r}; there are: {', '.join(available)}")
        print(f"== bench/{name}.py", flush=True)
        importlib.import_module(f"bench.{name}").main()


if __name__ == "__main__":
    main(sys.argv[1:])
