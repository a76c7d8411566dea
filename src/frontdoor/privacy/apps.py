from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "frontdoor.privacy"
    label = "privacy"
    verbose_name = "Privacy: record of processing, retention, legal holds, subject access"

    def ready(self):
        from frontdoor.accounts import roles
        from frontdoor.core import navigation
        from frontdoor.privacy import checks, sources  # noqa: F401 (checks registers itself)

        sources.register_built_in()
        navigation.register(
            navigation.Entry(
                "Privacy",
                "privacy:index",
                audience=navigation.STAFF,
                order=85,
                roles=frozenset({roles.DATA_OFFICER}),
            )
        )
