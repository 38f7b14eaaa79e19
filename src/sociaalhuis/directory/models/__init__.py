"""The social map (sociale kaart): organisations, services, locations and schedules.

The map is regional (see docs/architecture.md): organisations, services, locations
and taxonomies are shared by every municipality they serve, so these tables are not
tenant-scoped. What a municipality keeps for itself (which of its neighbourhoods a
service targets, how its life domains map onto the map's rubrics) lives in
tenant-owned link tables under row-level security.
"""

from sociaalhuis.directory.models.exchange import ImportJob
from sociaalhuis.directory.models.locations import Location, ServiceAtLocation
from sociaalhuis.directory.models.organisations import Organisation
from sociaalhuis.directory.models.revisions import CapacityUpdate, ServiceRevision
from sociaalhuis.directory.models.schedules import Schedule, ScheduleException
from sociaalhuis.directory.models.services import (
    AccessibilityScore,
    Capacity,
    PublicationStatus,
    SearchWord,
    Service,
    ServiceNeighbourhood,
    ServiceText,
)
from sociaalhuis.directory.models.taxonomy import LifeDomainTerm, Taxonomy, TaxonomyTerm

__all__ = [
    "AccessibilityScore",
    "Capacity",
    "CapacityUpdate",
    "ImportJob",
    "LifeDomainTerm",
    "Location",
    "Organisation",
    "PublicationStatus",
    "Schedule",
    "ScheduleException",
    "SearchWord",
    "Service",
    "ServiceAtLocation",
    "ServiceNeighbourhood",
    "ServiceRevision",
    "ServiceText",
    "Taxonomy",
    "TaxonomyTerm",
]
