from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "frontdoor.cases"
    label = "cases"
    verbose_name = "Cases from every channel, workflows, queues and track my request"

    def ready(self):
        from frontdoor.cases.services.access import CONTACT_LOGGERS, VIEWERS
        from frontdoor.core import navigation

        navigation.register(
            navigation.Entry(
                "Cases",
                "cases:queue",
                audience=navigation.STAFF,
                order=10,
                roles=frozenset(VIEWERS),
            )
        )
        navigation.register(
            navigation.Entry(
                "Log a contact",
                "cases:log-contact",
                audience=navigation.STAFF,
                order=11,
                roles=frozenset(CONTACT_LOGGERS),
            )
        )
        navigation.register(navigation.Entry("Track my request", "cases_public:track", order=40))
        navigation.register_home_task(
            navigation.HomeTask(
                "Track my request",
                "See what is happening with something you asked us for or reported, and when "
                "we expect to finish. You need the reference we sent you.",
                "cases_public:track",
                order=40,
            )
        )
