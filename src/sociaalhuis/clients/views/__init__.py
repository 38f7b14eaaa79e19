"""Screens for persons and households: search, the person page, registering and
correcting (with the duplicate check), contact wishes, households and merging.

Route access is decided by the authorization matrix before these run. Persons and
households are read only through ``clients.queries`` (the door), which is tenant-
scoped (another municipality's id is a 404) and records every read in the access
log. The national register number never travels in a URL: searches on it go by POST.
One module per screen family; ``clients.urls`` names them.
"""
