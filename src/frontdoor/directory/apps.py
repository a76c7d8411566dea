from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "frontdoor.directory"
    label = "directory"
    verbose_name = "Service directory (Open Referral UK / HSDS 3.0)"

    def ready(self):
        from frontdoor.accounts import roles
        from frontdoor.core import navigation

        navigation.register(navigation.Entry("Find a service", "directory:search", order=20))
        navigation.register_home_task(
            navigation.HomeTask(
                "Find a service or activity",
                "Search local services, groups and activities near you: food, money advice, "
                "health, housing, family support and more.",
                "directory:search",
                order=20,
            )
        )
        navigation.register(
            navigation.Entry(
                "Directory",
                "directory_staff:queue",
                audience=navigation.STAFF,
                order=30,
                roles=frozenset({roles.DIRECTORY_EDITOR, roles.ADMINISTRATOR}),
            )
        )
