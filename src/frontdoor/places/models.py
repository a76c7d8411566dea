"""The gazetteer: wards, postcodes and addresses with their UPRN.

A council loads its own from the ONS Postcode Directory and its local land and property
gazetteer (`manage.py places_import`); the demo council has a made-up one around
Southampton. Positions are WGS84 latitude and longitude, as Open311 and HSDS speak them.
"""

from django.db import models


class Ward(models.Model):
    code = models.CharField(max_length=16, unique=True, help_text="ONS GSS code, e.g. E05012345")
    name = models.CharField(max_length=120)
    # A GeoJSON Polygon or MultiPolygon geometry, as text; read through shapely.
    boundary = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Postcode(models.Model):
    postcode = models.CharField(max_length=8, unique=True, help_text="Capitals, one space")
    latitude = models.FloatField()
    longitude = models.FloatField()
    ward = models.ForeignKey(Ward, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["postcode"]

    def __str__(self):
        return self.postcode


class Address(models.Model):
    uprn = models.CharField(
        max_length=12, unique=True, help_text="Unique Property Reference Number"
    )
    line1 = models.CharField(max_length=200)
    line2 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100)
    postcode = models.CharField(max_length=8, db_index=True)
    latitude = models.FloatField()
    longitude = models.FloatField()

    class Meta:
        ordering = ["postcode", "line2", "line1"]
        verbose_name_plural = "addresses"

    def __str__(self):
        return ", ".join(p for p in (self.line1, self.line2, self.town, self.postcode) if p)
