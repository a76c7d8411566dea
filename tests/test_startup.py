"""Start-up, as a council's IT team meets it: wrong settings stop us with one sentence."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[1]
GOOD_KEY = "k" * 20 + "-production-key-0123456789-abcdefghijklmnop"


# Settings these tests choose themselves, and the browser tests' async switch.
NOT_INHERITED = {
    "DATABASE_URL",
    "SECRET_KEY",
    "FRONTDOOR_MODE",
    "ALLOWED_HOSTS",
    "DEBUG",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def manage(*args, tmp_path, **env):
    environment = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    environment.setdefault("DATABASE_URL", f"sqlite:///{tmp_path}/startup.sqlite3")
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def assert_one_clear_sentence(result, *phrases):
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Frontdoor cannot start: ")
    for phrase in phrases:
        assert phrase in lines[0]


def test_production_mode_refuses_to_start_without_a_secret_key(tmp_path):
    result = manage(
        "check",
        tmp_path=tmp_path,
        FRONTDOOR_MODE="production",
        ALLOWED_HOSTS="frontdoor.example.gov.uk",
    )
    assert_one_clear_sentence(result, "SECRET_KEY must be set")


def test_production_mode_refuses_a_short_or_insecure_secret_key(tmp_path):
    result = manage(
        "check",
        tmp_path=tmp_path,
        FRONTDOOR_MODE="production",
        SECRET_KEY="django-insecure-" + "x" * 50,
        ALLOWED_HOSTS="frontdoor.example.gov.uk",
    )
    assert_one_clear_sentence(result, "SECRET_KEY must be set")


def test_production_mode_refuses_to_start_without_allowed_hosts(tmp_path):
    result = manage("check", tmp_path=tmp_path, FRONTDOOR_MODE="production", SECRET_KEY=GOOD_KEY)
    assert_one_clear_sentence(result, "ALLOWED_HOSTS must be set")


def test_a_database_url_of_an_unknown_kind_is_named_with_what_to_set(tmp_path):
    result = manage("check", tmp_path=tmp_path, DATABASE_URL="mysql://root:hunter2@db/council")
    assert_one_clear_sentence(result, "DATABASE_URL", "postgres://")
    assert "hunter2" not in result.stderr


def test_an_unreachable_database_is_named_without_its_password(tmp_path):
    result = manage(
        "migrate",
        tmp_path=tmp_path,
        DATABASE_URL="postgres://council:hunter2@127.0.0.1:1/frontdoor",
    )
    assert_one_clear_sentence(result, "cannot be reached", "127.0.0.1:1")
    assert "hunter2" not in result.stderr


def test_a_mistyped_mode_is_refused(tmp_path):
    result = manage("check", tmp_path=tmp_path, FRONTDOOR_MODE="prod")
    assert_one_clear_sentence(result, "FRONTDOOR_MODE")


def test_production_mode_passes_djangos_deployment_checks(tmp_path):
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        tmp_path=tmp_path,
        FRONTDOOR_MODE="production",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="frontdoor.example.gov.uk",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_mode_never_loads_demo_data(tmp_path):
    env = {
        "FRONTDOOR_MODE": "production",
        "SECRET_KEY": GOOD_KEY,
        "ALLOWED_HOSTS": "frontdoor.example.gov.uk",
    }
    assert manage("migrate", "-v0", tmp_path=tmp_path, **env).returncode == 0
    result = manage("demo_load", tmp_path=tmp_path, **env)
    assert result.returncode != 0
    assert "never loaded in production" in result.stderr


@pytest.mark.parametrize("variable", ["DEBUG", "BEHIND_PROXY"])
def test_a_flag_that_is_not_true_or_false_is_refused(tmp_path, variable):
    result = manage("check", tmp_path=tmp_path, **{variable: "maybe"})
    assert_one_clear_sentence(result, variable, "true or false")
