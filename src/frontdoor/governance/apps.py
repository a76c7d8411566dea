from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "frontdoor.governance"
    label = "governance"
    verbose_name = "Digital governance: strategy, roadmap, change requests and reviews"

    def ready(self):
        from frontdoor.core import navigation

        navigation.register(
            navigation.Entry(
                "Digital governance",
                "governance:index",
                audience=navigation.STAFF,
                order=80,
            )
        )
