from django.urls import path

from sociaalhuis.referrals import views
from sociaalhuis.referrals.metrics import views as metrics_views
from sociaalhuis.referrals.response_times import views as settings_views
from sociaalhuis.referrals.tokens import views as token_views

app_name = "referrals"

urlpatterns = [
    # Sender side
    path("new/", views.create, name="create"),
    path("sent/", views.sent, name="sent"),
    path("<int:referral_id>/", views.detail, name="detail"),
    path("<int:referral_id>/edit/", views.edit, name="edit"),
    path("<int:referral_id>/send/", views.send, name="send"),
    # Both sides
    path("<int:referral_id>/step/", views.transition, name="transition"),
    path("<int:referral_id>/message/", views.message, name="message"),
    path("<int:referral_id>/appointment/", views.book, name="book"),
    # Receiver side
    path("inbox/", views.inbox, name="inbox"),
    # Municipality settings, figures, partner API tokens
    path("settings/", settings_views.settings_page, name="settings"),
    path("figures/", metrics_views.metrics, name="metrics"),
    path("figures/export.xlsx", metrics_views.metrics_xlsx, name="metrics_xlsx"),
    path("tokens/", token_views.tokens, name="tokens"),
    path("tokens/new/", token_views.token_create, name="token_create"),
    path("tokens/<int:token_id>/revoke/", token_views.token_revoke, name="token_revoke"),
]
