"""Types for user-facing text."""

from django.utils.functional import Promise

# A plain string or a lazily translated one (gettext_lazy).
StrOrPromise = str | Promise
