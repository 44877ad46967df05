"""Scorecard models, one module per noun: assessments (question sets, answers) and investment."""
