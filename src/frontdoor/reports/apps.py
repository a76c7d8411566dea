from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "frontdoor.reports"
    label = "reports"
    verbose_name = "Report a problem on a map, and the Open311 GeoReport v2 API"

    def ready(self):
        from frontdoor.accounts import roles
        from frontdoor.core import navigation

        navigation.register(navigation.Entry("Report a problem", "reports:start", order=30))
        navigation.register(navigation.Entry("Reported problems", "reports:public-list", order=31))
        navigation.register_home_task(
            navigation.HomeTask(
                "Report a problem in the street",
                "Tell us about a pothole, fly-tipping, a broken street light or graffiti. "
                "See what is already reported near you first.",
                "reports:start",
                order=30,
            )
        )
        navigation.register(
            navigation.Entry(
                "Street reports",
                "reports:staff-duplicates",
                audience=navigation.STAFF,
                order=12,
                roles=frozenset((roles.CASE_OFFICER, roles.SERVICE_MANAGER, roles.ADMINISTRATOR)),
            )
        )
        navigation.register(
            navigation.Entry(
                "Street report teams",
                "reports:staff-categories",
                audience=navigation.STAFF,
                order=13,
                roles=frozenset((roles.SERVICE_MANAGER, roles.ADMINISTRATOR)),
            )
        )
        navigation.register(
            navigation.Entry(
                "Open311 keys",
                "reports:staff-keys",
                audience=navigation.STAFF,
                order=80,
                roles=frozenset((roles.ADMINISTRATOR,)),
            )
        )
