"""How ``hsds.reader.Reader`` reads each family of HSDS objects, one module a family.

Each function takes the ``Reader`` first: it holds the municipality, the checker
that collects every invalid value, the plan being built and the identifiers seen so
far, which later families look up (a service names its organisation, terms and
locations).
"""
