"""Import and export of the map; included in the ``directory`` namespace."""

from django.urls import path

from sociaalhuis.directory.hsds import views as exchange

urlpatterns = [
    path("", exchange.exchange, name="exchange"),
    path("export/<str:format>/", exchange.export, name="export"),
    path("import/", exchange.import_file, name="import"),
    path("import/<uuid:job_id>/", exchange.import_job, name="import_job"),
]
