"""Hooks: where an app lower in the floor plan lets the top layer add what it can't import.

The board belongs to `canvas`, but shows scores, investment figures and
segments from apps above it; an assessment belongs to `scorecard`, but stores
what several apps know when it completes. The lower app calls a hook by name,
and `settings.HOOKS` names the function (in `studio`, the top layer) that
answers it. A hook that isn't configured answers `default`, so each app also
works on its own, in tests for example.

A hook can also tell an app above that something changed below it, in the same
transaction: investment's and customers' write services call
`investment_figures_changed`, which the indicators app answers by recording the
readings that fill themselves from those figures. Explicit calls, never signals.
"""

from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string


def call_hook(name: str, /, default: Any = None, **kwargs) -> Any:
    """The answer of the function `settings.HOOKS[name]` names, called with `kwargs`."""
    path = getattr(settings, "HOOKS", {}).get(name)
    if path is None:
        return {} if default is None else default
    return import_string(path)(**kwargs)
