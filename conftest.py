"""Test set-up shared by every app: how tests differ from a real run, and why."""

import pytest
from django.test import override_settings


class _MissingTemplateVariable(str):
    """Templates fail loudly in tests when they use a variable the view did not give."""

    def __mod__(self, name):
        raise AssertionError(f"template used an undefined variable: {name}")


def _templates_failing_loudly(templates):
    configured = [dict(engine) for engine in templates]
    for engine in configured:
        engine["OPTIONS"] = {
            **engine["OPTIONS"],
            "string_if_invalid": _MissingTemplateVariable("%s"),
        }
    return configured


@pytest.fixture(autouse=True, scope="session")
def _test_settings(django_test_environment):
    from django.conf import settings

    with override_settings(
        # Background tasks run at once, in the test's own thread.
        TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
        # Static files come straight from the finders; tests do not run collectstatic.
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        TEMPLATES=_templates_failing_loudly(settings.TEMPLATES),
    ):
        yield
