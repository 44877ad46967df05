"""The persona card on paper: what its PDF is called (templates/customers/persona_card.html
lays it out; core/pdf.py renders it)."""

from django.utils.text import slugify


def persona_card_filename(organization, persona) -> str:
    """`acme-persona-amira-haddad.pdf`."""
    return f"{organization.slug}-persona-{slugify(persona.name) or persona.pk}.pdf"
