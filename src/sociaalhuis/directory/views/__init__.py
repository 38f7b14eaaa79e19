"""Screens of the social map inside the platform: search at the desk, maintenance.

Route access is decided by the authorization matrix before these run; which
organisation or service a user may touch by ``directory.rules`` through
``directory.queries`` (404 for what is not theirs) and ``directory.services``.
One module per screen family; ``directory.urls`` names them.
"""
