from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "frontdoor.insights"
    label = "insights"
    verbose_name = "The digital strategy's success measures, computed live, and their dashboards"

    def ready(self):
        from frontdoor.core import navigation

        navigation.register(navigation.Entry("How we are doing", "insights:public", order=70))
        navigation.register(
            navigation.Entry("Performance", "insights:staff", audience=navigation.STAFF, order=60)
        )
