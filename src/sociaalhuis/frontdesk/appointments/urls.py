from django.urls import path

from sociaalhuis.frontdesk.appointments import views

app_name = "appointments"

urlpatterns = [
    path("", views.day, name="day"),
    path("book/", views.book, name="book"),
    path("<int:appointment_id>/", views.detail, name="detail"),
    path("<int:appointment_id>/cancel/", views.cancel, name="cancel"),
    path("<int:appointment_id>/outcome/", views.outcome, name="outcome"),
    path("<int:appointment_id>/move/", views.reschedule, name="reschedule"),
    path("<int:appointment_id>/appointment.ics", views.download, name="download"),
    path("hours/", views.availability, name="availability"),
    path("hours/<int:availability_id>/end/", views.availability_end, name="availability_end"),
    path("calendar-feed/", views.feed_settings, name="feed_settings"),
    path("feed/<slug:municipality>/<str:token>.ics", views.feed, name="feed"),
]
