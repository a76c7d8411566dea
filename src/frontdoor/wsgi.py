"""WSGI entry point for gunicorn."""

from django.core.wsgi import get_wsgi_application

from frontdoor.startup import guarded

application = guarded(get_wsgi_application)
