"""Checks on the codebase itself: migrations, boundaries between apps, docs kept current."""

import ast
import io
from pathlib import Path

import pytest
from django.core.management import call_command

from frontdoor import environment

PROJECT_DIR = Path(__file__).resolve().parents[1]
PACKAGE = PROJECT_DIR / "src" / "frontdoor"
APPS = sorted(p.name for p in PACKAGE.iterdir() if (p / "apps.py").exists())
# What one app may use of another: its services and queries (and core's shared parts).
PUBLIC_ROOMS = {"services", "queries"}
SHARED = {"core", "environment", "api", "startup", "settings"}
# Declarations other apps need by name (role codes), read-only data.
DECLARATIONS = {"accounts.roles"}


def test_every_model_change_has_its_migration(db):
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def _imports(path: Path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "frontdoor":
                yield from (f"frontdoor.{alias.name}" for alias in node.names)
            else:
                yield from (f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


@pytest.mark.parametrize("app", APPS)
def test_app_reaches_other_apps_only_through_services_and_queries(app):
    broken = []
    for path in (PACKAGE / app).rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for name in _imports(path):
            parts = name.split(".")
            if parts[0] != "frontdoor" or len(parts) < 2:
                continue
            other = parts[1]
            if other == app or other in SHARED or other not in APPS:
                continue
            if len(parts) < 3 or (
                parts[2] not in PUBLIC_ROOMS and f"{other}.{parts[2]}" not in DECLARATIONS
            ):
                broken.append(f"{path.relative_to(PROJECT_DIR)} imports {name}")
    assert not broken, "\n".join(broken)


@pytest.mark.parametrize("app", APPS)
def test_every_app_says_what_it_owns_in_a_readme(app):
    assert (PACKAGE / app / "README.md").exists()


def test_docs_settings_page_matches_the_declared_settings():
    page = (PROJECT_DIR / "docs" / "settings.md").read_text()
    assert page == environment.documentation(), "run `manage.py settings_doc`"


def test_every_setting_read_in_settings_py_is_declared():
    source = (PACKAGE / "settings.py").read_text()
    tree = ast.parse(source)
    read = {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "env"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    }
    declared = {setting.name for setting in environment.SETTINGS}
    assert read <= declared
