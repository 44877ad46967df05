"""What a versioned wording set (the self-assessment's question sets, the pulse's
statement sets) does the same way: it is locked once published or used, a new draft
takes the next version number, and publishing makes it the one default.

The model using `WordingSetMixin` has `name`, `version`, `status` (with a `Status` of
DRAFT and PUBLISHED), `is_default` and `published_at`, an `is_frozen` property (used by
anyone) and `publication_problems()`. Its admin is core/wording_admin.py.
"""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone


class WordingSetMixin:
    @property
    def is_locked(self) -> bool:
        """Published or used: read-only everywhere."""
        return self.status == self.Status.PUBLISHED or self.is_frozen

    def next_version(self) -> int:
        """The version number a new draft of this set's name takes."""
        versions = type(self)._default_manager.filter(name=self.name)
        return (versions.aggregate(models.Max("version"))["version__max"] or 0) + 1

    @transaction.atomic
    def publish(self) -> None:
        """Make this set the default for what starts from now on; what already used an
        older set keeps it. ValidationError with the problems when it isn't ready."""
        problems = self.publication_problems()
        if problems:
            raise ValidationError(problems)
        sets = type(self)._default_manager
        sets.filter(is_default=True).exclude(pk=self.pk).update(is_default=False)
        self.status = self.Status.PUBLISHED
        self.is_default = True
        self.published_at = self.published_at or timezone.now()
        self.save(update_fields=["status", "is_default", "published_at"])
