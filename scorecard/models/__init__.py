"""Scorecard models, one module per noun: assessments (question sets, answers) and investment."""

from scorecard.models.assessment import (  # noqa: F401
    ActionTick,
    Answer,
    Assessment,
    Question,
    QuestionArea,
    QuestionSet,
)
from scorecard.models.investment import (  # noqa: F401
    InvestmentLine,
    InvestmentSettings,
    ReturnLine,
)
