"""The default pulse statements: one per canvas area, for people outside L&D.

Migration 0002 holds a frozen copy of these words (a test keeps the two the
same). To change the wording on a running site, copy the set into a new draft
in the admin, edit it, and publish it.
"""

DEFAULT_SET_NAME = "Stakeholder pulse"
DEFAULT_STATEMENTS = (
    ("value_proposition", "I know what the learning team does for our business."),
    ("products_services", "The learning on offer helps people do their jobs better."),
    ("customer_segments", "The learning team understands what people like me need."),
    ("service_delivery", "Getting the learning I need is quick and easy."),
    ("strategy_governance", "Their work supports what the business is trying to achieve."),
    ("investment_return", "What we spend on learning is worth it."),
)
