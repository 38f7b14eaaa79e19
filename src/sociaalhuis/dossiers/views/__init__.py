"""Screens of the help dossier: my dossiers, the dossier page, notes, attachments, team.

The authorization matrix lets social workers and cell specialists reach these pages;
``queries.dossier_for(request, id)`` decides per dossier (404 for another municipality,
403 with an offer to break the glass when not on the care team) and records the read
itself, as ``note_for`` and ``attachment_file_for`` do for one item; the views never
write the access log.
One module per screen family; ``dossiers.urls`` names them.
"""
