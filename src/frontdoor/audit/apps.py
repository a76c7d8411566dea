from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "frontdoor.audit"
    label = "audit"
    verbose_name = "Audit log of who saw or changed what"

    def ready(self):
        from frontdoor.accounts import roles
        from frontdoor.core import navigation

        navigation.register(
            navigation.Entry(
                "Audit log",
                "audit:search",
                audience=navigation.STAFF,
                order=80,
                roles=frozenset({roles.DATA_OFFICER}),
            )
        )
