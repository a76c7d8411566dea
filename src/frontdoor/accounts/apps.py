from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "frontdoor.accounts"
    label = "accounts"
    verbose_name = "Staff and resident accounts, sign-in and roles"

    def ready(self):
        from frontdoor.core import navigation

        navigation.register(
            navigation.Entry(
                "Staff home", "accounts:staff-home", audience=navigation.STAFF, order=0
            )
        )
        navigation.register(
            navigation.Entry("Your account", "account:home", audience=navigation.PUBLIC, order=90)
        )
        navigation.register(
            navigation.Entry(
                "Sign out", "accounts:staff-sign-out", audience=navigation.STAFF, order=99
            )
        )
