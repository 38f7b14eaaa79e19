from django.contrib.auth import views as auth_views
from django.urls import path

from sociaalhuis.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("second-factor/", views.otp_verify, name="otp_verify"),
    path("second-factor/setup/", views.otp_setup, name="otp_setup"),
    path("password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path(
        "invitation/<uidb64>/<token>/",
        views.InvitationAcceptView.as_view(),
        name="invitation_accept",
    ),
    path("profile/", views.profile, name="profile"),
    path("password/change/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="accounts/password_change_done.html"
        ),
        name="password_change_done",
    ),
    path("municipality/", views.switch_municipality, name="switch_municipality"),
    path("users/", views.members, name="members"),
    path("users/invite/", views.member_invite, name="member_invite"),
    path("users/<int:user_id>/", views.member_detail, name="member_detail"),
    path("users/<int:user_id>/roles/", views.member_add_role, name="member_add_role"),
    path("users/<int:user_id>/invitation/", views.member_reinvite, name="member_reinvite"),
    path("roles/<int:membership_id>/revoke/", views.member_revoke_role, name="member_revoke_role"),
]
