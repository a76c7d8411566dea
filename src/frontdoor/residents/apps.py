from django.apps import AppConfig


class ResidentsConfig(AppConfig):
    name = "frontdoor.residents"
    label = "residents"
    verbose_name = "Single resident record: linkage, merge and review"

    def ready(self):
        from django.db.models.signals import post_save

        from frontdoor.residents import tasks

        # Link on arrival: a new case (whatever app made it) gets a resident record once
        # its transaction commits. A lazy sender, so residents imports no cases model.
        post_save.connect(
            tasks.case_saved, sender="cases.Case", dispatch_uid="residents-link-new-cases"
        )
