"""Template filters for journeys' pages."""

from django import template
from django.utils.html import escape, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def paragraphs(text: str):
    """Plain text (as a service manager types it) as GOV.UK body paragraphs; never HTML."""
    blocks = [block.strip() for block in str(text or "").split("\n\n") if block.strip()]
    return format_html_join(
        "\n",
        '<p class="govuk-body">{}</p>',
        ((mark_safe(escape(block).replace("\n", "<br>")),) for block in blocks),  # noqa: S308
    )


@register.filter
def get_item(mapping: dict, key: str):
    return mapping.get(key, key)
