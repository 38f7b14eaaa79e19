"""Addresses of the public social map: /<municipality>/..., last in the URL list.

They sit after every other top-level prefix so that a municipality slug never
shadows a page of the platform.
"""

from django.urls import path

from sociaalhuis.portal.socialmap import views as map_views

app_name = "map"
urlpatterns = [
    path("<slug:municipality>/", map_views.search, name="search"),
    path("<slug:municipality>/aanbod/<int:service_id>/", map_views.service, name="service"),
    path("<slug:municipality>/vandaag/", map_views.today, name="today"),
]
