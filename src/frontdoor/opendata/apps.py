from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "frontdoor.opendata"
    label = "opendata"
    verbose_name = "Open data: datasets published on a schedule, DCAT and a CKAN read API"

    def ready(self):
        from frontdoor.core import navigation

        navigation.register(navigation.Entry("Open data", "opendata:index", order=80))
