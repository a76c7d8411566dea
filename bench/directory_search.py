"""Directory search over 50,000 generated services, through gunicorn, on both databases,
side by side with a bare Django view on the same server.

DESIGN.md target: "directory search over 50,000 services: p95 under 50 ms; throughput at
least half that of a bare Django view on the same server". The services come from the
demo's own generator (`frontdoor.demo.directory.feed`) and are loaded through the
directory's import, so they are indexed exactly as a council's would be.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.parse
import urllib.request

from bench import harness

SERVICES = int(os.environ.get("BENCH_DIRECTORY_SERVICES", "50000"))
CHUNK = 5000
SECONDS = int(os.environ.get("BENCH_SECONDS", "15"))


def _searches(food: str) -> list[tuple[str, str]]:
    """What residents search for: words, synonyms, a typo, a category, a postcode, filters."""
    return [
        ("words", "/directory/?q=food+bank"),
        ("words and filters", "/directory/?q=help+with+food&free=on&weekends=on"),
        ("synonym", "/directory/?q=benefits"),
        ("typo", "/directory/?q=recyclng"),
        ("category", f"/directory/?category={food}"),
        ("words near a postcode", "/directory/?q=money+advice&postcode=SO14+0AA&distance=3"),
        ("category near a postcode", f"/directory/?category={food}&postcode=SO16+4AA&distance=1"),
        ("second page", "/directory/?q=youth+club&page=2"),
    ]


API = [
    "/api/directory/services?search=food&per_page=20",
    "/api/directory/services?taxonomy_term_id={term}&per_page=20",
    "/api/directory/services?postcode=SO14+0AA&proximity=2000&per_page=20",
]


def _lua(paths: list[str]) -> str:
    quoted = ", ".join('"' + p.replace('"', '\\"') + '"' for p in paths)
    return (
        f"local paths = {{{quoted}}}\nlocal i = 0\n"
        "request = function()\n  i = i + 1\n"
        '  return wrk.format("GET", paths[(i % #paths) + 1])\nend\n'
    )


def load_directory(count: int) -> None:
    """Inside a Django process: the demo gazetteer, taxonomy and `count` services."""
    import django

    django.setup()
    from frontdoor.demo import directory as demo
    from frontdoor.demo import places
    from frontdoor.directory import services

    places.create()
    taxonomy, terms = demo.taxonomy_rows()
    services.taxonomy_define(taxonomy=taxonomy, terms=terms)
    made = 0
    while made < count:
        size = min(CHUNK, count - made)
        feed = demo.feed(count=size, seed=10_000 + made)
        services.directory_import_feed(data=feed, source=f"bench {made}-{made + size}")
        made += size
        print(f"  loaded {made} services", flush=True)


def _check(url: str) -> None:
    with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 - our own server
        assert response.status == 200, url


def _term_ids(url: str) -> dict[str, str]:
    """Category ids by name, read from the server's own HSDS API."""
    with urllib.request.urlopen(url + "/api/directory/taxonomy_terms?per_page=200") as response:  # noqa: S310
        return {t["name"]: t["id"] for t in json.load(response)["contents"]}


def main() -> None:
    rows = []
    load_seconds = {}
    for database in harness.databases():
        harness.prepare(database)
        harness.manage(database, "collectstatic", "--no-input", "-v0")
        started = time.monotonic()
        subprocess.run(
            [sys.executable, "-c", f"from bench.directory_search import load_directory; "
             f"load_directory({SERVICES})"],
            cwd=harness.PROJECT_DIR, env=harness.environment(database), check=True,
        )  # fmt: skip
        load_seconds[database.name] = time.monotonic() - started
        with harness.server(database, workers=2) as server:
            terms = _term_ids(server.url)
            searches = _searches(terms["Food and essentials"])
            api = [p.format(term=terms["Food banks"]) for p in API]
            for _, path in searches:
                _check(server.url + path)
            for path in api:
                _check(server.url + path)
            harness.load(server.url + "/_bench/bare", seconds=3)  # warm both workers
            bare = harness.load(server.url + "/_bench/bare", seconds=SECONDS)
            mixed = harness.load(
                server.url + "/", seconds=SECONDS, script=_lua([p for _, p in searches])
            )
            words = harness.load(server.url + searches[0][1], seconds=SECONDS)
            near = harness.load(server.url + searches[5][1], seconds=SECONDS)
            standard = harness.load(server.url + "/", seconds=SECONDS, script=_lua(api))
            for label, result in (
                ("bare Django view (yardstick)", bare),
                ("search page, mix of 8 searches", mixed),
                ('search page, "food bank"', words),
                ("search page, words within 3 miles of a postcode", near),
                ("HSDS API /services, mix of 3 searches", standard),
            ):
                rows.append([
                    database.name, label, f"{result.requests_per_second:.0f}",
                    f"{result.p50_ms:.1f}", f"{result.p95_ms:.1f}",
                    f"{result.requests_per_second / bare.requests_per_second:.2f}",
                    result.errors,
                ])  # fmt: skip
    mix = "\n".join(f"- {label}: `{urllib.parse.unquote_plus(path)}`" for label, path in searches)
    body = (
        f"{SERVICES:,} generated services (the demo's generator, loaded through the "
        "directory's own import: "
        + ", ".join(f"{name} {seconds / 60:.1f} min" for name, seconds in load_seconds.items())
        + f"). gunicorn with 2 sync workers; wrk with 8 connections for {SECONDS} s each. "
        "Each search page renders 20 results with distance and next opening time.\n\n"
        + harness.table(
            ["database", "what", "requests/s", "p50 ms", "p95 ms", "ratio to bare view", "errors"],
            rows,
        )
        + "\n\nTargets (DESIGN.md): p95 under 50 ms; at least half the bare view's "
        "requests/s.\n\nThe mix of searches:\n\n" + mix + "\n"
    )
    harness.write_section("directory_search", "Directory search", body)


if __name__ == "__main__":
    main()
