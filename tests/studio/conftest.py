"""Studio composes the domain apps, so its tests use their fixtures."""

from tests.customers.conftest import make_segment  # noqa: F401
from tests.pulse.conftest import make_pulse, respond, statement_set  # noqa: F401
from tests.scorecard.conftest import question_set, take_assessment  # noqa: F401
