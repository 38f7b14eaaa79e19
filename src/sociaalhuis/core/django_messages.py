"""Django's own messages that its Dutch catalogue lacks.

Marked here so that our catalogues (LOCALE_PATHS, which take precedence over
Django's) carry a translation; never imported.
"""

from django.utils.translation import gettext_noop

MISSING_FROM_DJANGO = (
    # django.db.models.fields.BLANK_CHOICE_LABEL: the empty choice of a select.
    gettext_noop("- Select an option -"),
)
