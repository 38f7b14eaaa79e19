"""Types for user-facing text, and folding text for matching."""

import re
import unicodedata

from django.utils.functional import Promise

# A plain string or a lazily translated one (gettext_lazy).
StrOrPromise = str | Promise


def fold(text: str) -> str:
    """Lower case without accents or punctuation, single spaces: for matching names.

    "Dupont-Lefèvre,  Émile" and "dupont lefevre emile" fold to the same key, so a
    desk worker finds a person however the name was typed.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    without_accents = "".join(char for char in decomposed if not unicodedata.combining(char))
    words = re.split(r"[^\w]+", without_accents.casefold())
    return " ".join(word for word in words if word)
