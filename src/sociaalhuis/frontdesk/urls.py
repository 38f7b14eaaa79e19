from django.urls import path

from sociaalhuis.frontdesk import views

app_name = "frontdesk"

urlpatterns = [
    path("", views.register, name="register"),
    path("look-up/", views.person_lookup, name="person_lookup"),
    path("person-card/", views.person_card, name="person_card"),
    path("social-map/", views.service_search, name="service_search"),
    path("contacts/<int:contact_id>/", views.contact, name="contact"),
    path("queue/", views.queue, name="queue"),
    path("queue/list/", views.queue_list, name="queue_list"),
    path("queue/new/", views.queue_add, name="queue_add"),
    path("queue/next/", views.queue_call_next, name="queue_call_next"),
    path("queue/<int:entry_id>/call/", views.queue_call, name="queue_call"),
    path("queue/<int:entry_id>/done/", views.queue_done, name="queue_done"),
    path("queue/<int:entry_id>/left/", views.queue_left, name="queue_left"),
    path("callbacks/sent/", views.callbacks_sent, name="callbacks_sent"),
    path("callbacks/new/", views.callback_create, name="callback_create"),
    path("callbacks/<int:callback_id>/", views.callback, name="callback"),
]
