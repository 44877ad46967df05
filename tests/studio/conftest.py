"""Studio composes the domain apps, so its tests use their fixtures."""

from tests.customers.conftest import make_segment  # noqa: F401
from tests.scorecard.conftest import question_set, take_assessment  # noqa: F401
