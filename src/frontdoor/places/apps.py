from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "frontdoor.places"
    label = "places"
    verbose_name = "Places: postcodes, addresses (UPRN), wards and the council's boundary"
