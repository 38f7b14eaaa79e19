"""Open Referral HSDS 3.0: the public read API, the export and the import of the map.

``serialise`` turns models into HSDS objects, ``queries`` loads a municipality's map
with a fixed number of queries, ``export`` writes the JSON document and the tabular
datapackage, ``tabular`` converts between the two, ``importer`` reads either back
(all or nothing) and ``jobs`` runs an import as a background task.
"""
