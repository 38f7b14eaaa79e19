"""Screens of the front desk: register a contact, the waiting queue, callbacks.

Route access is decided by the authorization matrix; which person, contact or
callback by tenant scoping and ``frontdesk.queries`` (404 for what is not theirs).
Every page works without JavaScript; htmx only makes the look-ups and the queue
quicker.
One module per screen family; ``frontdesk.urls`` names them.
"""
