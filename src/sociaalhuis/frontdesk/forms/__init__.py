"""Forms of the front desk, one module per screen family: ``contacts`` (the contact
form), ``questions`` (its questions and their formset), ``queue``, ``callbacks``, and
``fields`` (the date formats and picker they share). They only shape input; the rules
live in ``frontdesk.services`` (``question_errors`` and ``callback_errors`` are shared
so a message appears beside its field)."""
