from django.urls import path

from sociaalhuis.referrals.metrics import views as metrics_views
from sociaalhuis.referrals.response_times import views as settings_views
from sociaalhuis.referrals.tokens import views as token_views
from sociaalhuis.referrals.views import detail, lists, refer

app_name = "referrals"

urlpatterns = [
    # Sender side
    path("new/", refer.create, name="create"),
    path("sent/", lists.sent, name="sent"),
    path("<int:referral_id>/", detail.detail, name="detail"),
    path("<int:referral_id>/edit/", refer.edit, name="edit"),
    path("<int:referral_id>/send/", refer.send, name="send"),
    # Both sides
    path("<int:referral_id>/step/", detail.transition, name="transition"),
    path("<int:referral_id>/message/", detail.message, name="message"),
    path("<int:referral_id>/appointment/", detail.book, name="book"),
    # Receiver side
    path("inbox/", lists.inbox, name="inbox"),
    # Municipality settings, figures, partner API tokens
    path("settings/", settings_views.settings_page, name="settings"),
    path("figures/", metrics_views.metrics, name="metrics"),
    path("figures/export.xlsx", metrics_views.metrics_xlsx, name="metrics_xlsx"),
    path("tokens/", token_views.tokens, name="tokens"),
    path("tokens/new/", token_views.token_create, name="token_create"),
    path("tokens/<int:token_id>/revoke/", token_views.token_revoke, name="token_revoke"),
]
