"""The one django-ninja API: OpenAPI 3 at /api/openapi.json, docs at /api/docs.

Each capability adds its own router; standards' APIs (HSDS, Open311, CKAN) that need
their own paths and envelopes are mounted in urls.py instead.
"""

from ninja import NinjaAPI

from frontdoor.cases.api import router as cases_router
from frontdoor.governance.api import router as governance_router
from frontdoor.journeys.api import router as journeys_router

api = NinjaAPI(
    title="Frontdoor API",
    version="1",
    description="The council's digital front door: directory, cases, reports and open data.",
    urls_namespace="api",
)

api.add_router("/cases", cases_router)
api.add_router("/governance/", governance_router)
api.add_router("/journeys", journeys_router)
