"""Template tags for GOV.UK Design System components used across apps."""

from django import template

register = template.Library()


@register.inclusion_tag("core/error_summary.html")
def error_summary(form):
    """The error summary for a form: one link per problem, to the field that has it."""
    return {"form": form}


@register.inclusion_tag("core/includes/back_link.html")
def back_link(href, text="Back"):
    return {"href": href, "text": text}
