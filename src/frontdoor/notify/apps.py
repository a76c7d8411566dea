from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "frontdoor.notify"
    label = "notify"
    verbose_name = "Messages to residents: templates, providers and the outbox"

    def ready(self):
        from frontdoor.accounts import roles
        from frontdoor.core import navigation

        navigation.register(
            navigation.Entry(
                "Messages to residents",
                "notify:outbox",
                audience=navigation.STAFF,
                order=30,
                roles=frozenset(
                    {roles.AGENT, roles.CASE_OFFICER, roles.SERVICE_MANAGER, roles.ADMINISTRATOR}
                ),
            )
        )
