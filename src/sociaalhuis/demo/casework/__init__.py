"""Demo casework for Ronse: cells, topics, streets, and a few obviously fictitious
households with contacts, questions, callbacks, appointments and help dossiers, so
that every front-desk and dossier screen shows something in the demo.

Every person is called "... Voorbeeld", "... Exemple" or "... Demo" and lives in a
made-up street: nothing here describes a real citizen. National register numbers are
valid in form (python-stdnum) and fictitious.

The package: ``reference`` (cells, topics, rights, streets; in every municipality),
``people`` (the builders and the ``DemoDay``), ``dossier`` (family Voorbeeld and their
help dossier) and ``desk`` (today at the front desk). ``load`` is the entry point.
"""

from __future__ import annotations

from sociaalhuis.clients.models import Person
from sociaalhuis.core import tenancy
from sociaalhuis.demo.casework import desk
from sociaalhuis.demo.casework.dossier import family_voorbeeld
from sociaalhuis.demo.casework.people import demo_day
from sociaalhuis.demo.casework.reference import reference_lists
from sociaalhuis.tenants.models import Municipality

__all__ = ["load"]


def _households(municipality: Municipality) -> int:
    """The fictitious households and their casework, in the order a day would show them."""
    day = demo_day(municipality)
    family_voorbeeld(day)
    desk.pierre_exemple(day)
    desk.fatima_demo(day)
    desk.anonymous_contact(day)
    desk.waiting_queue(day)
    desk.office_hours(day)
    return Person.objects.count()


def load(municipality: Municipality) -> int:
    """Load Ronse's demo casework once; later runs change nothing."""
    with tenancy.for_municipality(municipality.pk):
        created = reference_lists(municipality)
        if municipality.slug == "ronse" and not Person.objects.exists():
            created += _households(municipality)
    return created
