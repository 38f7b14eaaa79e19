"""The project's URLs with the import/export screens in the ``directory`` namespace.

``sociaalhuis.directory.exchange_urls`` is included at ``social-map/exchange/`` by
``directory/urls.py``; until it is, the screen tests use this configuration.
"""

from django.urls import URLResolver, include, path

from sociaalhuis import urls as project
from sociaalhuis.directory import exchange_urls
from sociaalhuis.directory import urls as directory


def _included(patterns: list) -> bool:
    return any(
        getattr(entry, "urlconf_name", None)
        in (exchange_urls, "sociaalhuis.directory.exchange_urls")
        for entry in patterns
    )


_directory = list(directory.urlpatterns)
if not _included(_directory):
    _directory.append(path("exchange/", include(exchange_urls)))

urlpatterns = [
    path("social-map/", include((_directory, "directory"))),
    *(
        entry
        for entry in project.urlpatterns
        if not (isinstance(entry, URLResolver) and entry.namespace == "directory")
    ),
]
handler400 = project.handler400
handler403 = project.handler403
handler404 = project.handler404
handler500 = project.handler500
