from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "frontdoor.accounts"
    label = "accounts"
    verbose_name = "Staff and resident accounts, sign-in and roles"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from frontdoor.accounts import roles
        from frontdoor.accounts.middleware import note_sign_in
        from frontdoor.core import navigation

        user_logged_in.connect(note_sign_in, dispatch_uid="accounts.note_sign_in")

        navigation.register(
            navigation.Entry(
                "Staff home", "accounts:staff-home", audience=navigation.STAFF, order=0
            )
        )
        navigation.register(
            navigation.Entry(
                "Staff sign-in",
                "accounts:staff-people",
                audience=navigation.STAFF,
                order=95,
                roles=frozenset({roles.ADMINISTRATOR}),
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
