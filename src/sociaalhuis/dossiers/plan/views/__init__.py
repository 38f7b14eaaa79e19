"""Screens of the step plan, housing situation, rights check-list and consents of a dossier.

The authorization matrix lets social workers and cell specialists reach these routes;
``plan_queries.dossier_for_plan(request, id, shows=...)`` then applies the dossier rules
(404 for another municipality's dossier, 403 off the care team) and records the read of
the part the page shows itself, marked as emergency access when read under "break the
glass".
One module per screen family; ``dossiers.plan.urls`` names them.
"""
