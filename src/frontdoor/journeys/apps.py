from django.apps import AppConfig


class JourneysConfig(AppConfig):
    name = "frontdoor.journeys"
    label = "journeys"
    verbose_name = "Online forms: builder, runner, versions, submissions and feedback"

    def ready(self):
        from frontdoor.accounts import roles
        from frontdoor.core import navigation

        navigation.register(navigation.Entry("Online forms", "journeys:list", order=20))
        navigation.register_home_task(
            navigation.HomeTask(
                "Report, apply or tell us something",
                "Report a missed bin, a pothole or fly-tipping, book a bulky waste collection, "
                "ask for a repair or a permit, tell us you are moving, and more.",
                "journeys:list",
                order=20,
            )
        )
        navigation.register(
            navigation.Entry(
                "Form builder",
                "journeys:builder-list",
                audience=navigation.STAFF,
                order=30,
                roles=frozenset({roles.SERVICE_MANAGER}),
            )
        )
        navigation.register(
            navigation.Entry(
                "Fill in a form for a resident",
                "journeys:assist-list",
                audience=navigation.STAFF,
                order=31,
                roles=frozenset({roles.AGENT}),
            )
        )
