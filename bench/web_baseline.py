"""Baseline: how fast Frontdoor's pages answer next to a bare Django view, and worker memory.

DESIGN.md target: "web worker memory under 150 MB resident each".
"""

from __future__ import annotations

from bench import harness

PAGES = [
    ("bare Django view (yardstick)", "/_bench/bare"),
    ("home page", "/"),
    ("staff sign-in page", "/staff/sign-in/"),
    ("/healthz", "/healthz"),
]


def main() -> None:
    rows = []
    memory = []
    for database in harness.databases():
        harness.prepare(database)
        harness.manage(database, "collectstatic", "--no-input", "-v0")
        with harness.server(database, workers=2) as server:
            bare = None
            for label, path in PAGES:
                result = harness.load(server.url + path, seconds=8)
                bare = bare or result.requests_per_second
                rows.append(
                    [
                        database.name,
                        label,
                        f"{result.requests_per_second:.0f}",
                        f"{result.p50_ms:.1f}",
                        f"{result.p95_ms:.1f}",
                        f"{result.requests_per_second / bare:.2f}",
                        result.errors,
                    ]
                )
            memory.append([database.name, ", ".join(f"{mb:.0f}" for mb in server.worker_rss_mb())])
    body = (
        "gunicorn with 2 sync workers, wrk with 8 connections for 8 s per page.\n\n"
        + harness.table(
            ["database", "page", "requests/s", "p50 ms", "p95 ms", "ratio to bare view", "errors"],
            rows,
        )
        + "\n\nResident memory of each gunicorn worker after the run (target: under 150 MB):\n\n"
        + harness.table(["database", "worker RSS (MB)"], memory)
    )
    harness.write_section("web_baseline", "Web baseline", body)


if __name__ == "__main__":
    main()
