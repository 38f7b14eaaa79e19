from django.urls import path

from sociaalhuis.frontdesk.views import callbacks, contacts, queue

app_name = "frontdesk"

urlpatterns = [
    path("", contacts.register, name="register"),
    path("look-up/", contacts.person_lookup, name="person_lookup"),
    path("person-card/", contacts.person_card, name="person_card"),
    path("social-map/", contacts.service_search, name="service_search"),
    path("contacts/<int:contact_id>/", contacts.contact, name="contact"),
    path("queue/", queue.queue, name="queue"),
    path("queue/list/", queue.queue_list, name="queue_list"),
    path("queue/new/", queue.queue_add, name="queue_add"),
    path("queue/next/", queue.queue_call_next, name="queue_call_next"),
    path("queue/<int:entry_id>/call/", queue.queue_call, name="queue_call"),
    path("queue/<int:entry_id>/done/", queue.queue_done, name="queue_done"),
    path("queue/<int:entry_id>/left/", queue.queue_left, name="queue_left"),
    path("callbacks/sent/", callbacks.callbacks_sent, name="callbacks_sent"),
    path("callbacks/new/", callbacks.callback_create, name="callback_create"),
    path("callbacks/<int:callback_id>/", callbacks.callback, name="callback"),
]
