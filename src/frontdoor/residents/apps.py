from django.apps import AppConfig


class ResidentsConfig(AppConfig):
    name = "frontdoor.residents"
    label = "residents"
    verbose_name = "Single resident record: linkage, merge and review"

    def ready(self):
        from django.db.models.signals import post_save

        from frontdoor.accounts import roles
        from frontdoor.core import navigation
        from frontdoor.residents import tasks

        # Link on arrival: a new case (whatever app made it) gets a resident record once
        # its transaction commits. A lazy sender, so residents imports no cases model.
        post_save.connect(
            tasks.case_saved, sender="cases.Case", dispatch_uid="residents-link-new-cases"
        )
        post_save.connect(
            tasks.account_saved,
            sender="accounts.ResidentAccount",
            dispatch_uid="residents-link-new-accounts",
        )
        navigation.register(
            navigation.Entry(
                "Possible duplicates",
                "residents:queue",
                audience=navigation.STAFF,
                order=60,
                roles=frozenset({roles.DATA_OFFICER, roles.ADMINISTRATOR}),
            )
        )
        navigation.register(
            navigation.Entry(
                "Find a resident",
                "residents:find",
                audience=navigation.STAFF,
                order=61,
                roles=frozenset({roles.AGENT, roles.DATA_OFFICER, roles.ADMINISTRATOR}),
            )
        )
