from django.urls import path

from sociaalhuis.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.index, name="index"),
    path("home/", views.home, name="home"),
]
