from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from sociaalhuis.accounts import otp, queries, services
from sociaalhuis.accounts.forms import InviteForm, LoginForm, RoleForm, TokenForm
from sociaalhuis.accounts.middleware import LAST_SEEN_SESSION_KEY, LOGIN_AT_SESSION_KEY
from sociaalhuis.accounts.models import User
from sociaalhuis.accounts.queries import acting_user
from sociaalhuis.accounts.roles import Role
from sociaalhuis.core.http import query_without_page, safe_next_url, set_language_cookie

LOGIN_REASONS = {
    "expired": gettext_lazy(
        "Your session has ended because you were inactive for too long. Please log in again."
    ),
    "invited": gettext_lazy("Your password has been set. You can now log in."),
}


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["reason"] = LOGIN_REASONS.get(self.request.GET.get("reason", ""), "")
        return context

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        now = time.time()
        self.request.session[LOGIN_AT_SESSION_KEY] = now
        self.request.session[LAST_SEEN_SESSION_KEY] = now
        user = form.get_user()
        set_language_cookie(response, user.preferred_language)
        return response

    def form_invalid(self, form: Any) -> HttpResponse:
        response = super().form_invalid(form)
        response.status_code = 401
        return response


def lockout_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The key django-axes counts failures under: the e-mail address, case-blind."""
    source = credentials if credentials else request.POST
    return str(source.get("username") or "").strip().lower()


def account_locked(
    request: HttpRequest, credentials: Any = None, *args: Any, **kwargs: Any
) -> HttpResponse:
    """Shown by django-axes after five failed logins for the same account."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "errors/error.html",
        {
            "status": 403,
            "title": _("Account temporarily locked"),
            "message": _(
                "There were too many failed attempts to log in to this account. Try again in "
                "%(minutes)s minutes, or reset your password."
            )
            % {"minutes": minutes},
            "show_password_reset": True,
        },
        status=403,
    )


def otp_verify(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    next_url = safe_next_url(
        request, request.GET.get("next") or request.POST.get("next"), reverse("portal:home")
    )
    if not user_has_device(user, confirmed=True):
        return redirect(f"{reverse('accounts:otp_setup')}?{urlencode({'next': next_url})}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = otp.verify_user_token(user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return HttpResponseRedirect(next_url)
        form.add_error("token", _("This code is not correct or has expired. Try the current code."))
    status = 401 if form.errors else 200
    return render(
        request, "accounts/otp_verify.html", {"form": form, "next": next_url}, status=status
    )


def otp_setup(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    next_url = safe_next_url(
        request, request.GET.get("next") or request.POST.get("next"), reverse("portal:home")
    )
    if user_has_device(user, confirmed=True) and not otp.is_verified(user):
        # Replacing a device needs the current one first.
        return redirect(f"{reverse('accounts:otp_verify')}?{urlencode({'next': next_url})}")
    device = otp.pending_device(user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if otp.confirm_device(device, form.cleaned_data["token"]):
            otp_login(request, device)
            messages.success(request, _("Your authenticator app is set up."))
            return HttpResponseRedirect(next_url)
        form.add_error(
            "token", _("This code is not correct. Check the time on your phone and try again.")
        )
    return render(
        request,
        "accounts/otp_setup.html",
        {
            "form": form,
            "next": next_url,
            "qr_data_uri": otp.qr_data_uri(device),
            "secret": otp.readable_secret(device),
        },
        status=401 if form.errors else 200,
    )


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class InvitationAcceptView(PasswordResetConfirmView):
    template_name = "accounts/invitation_accept.html"
    success_url = reverse_lazy("accounts:login")

    def get_success_url(self) -> str:
        return f"{reverse('accounts:login')}?reason=invited"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")


def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    memberships = (
        queries.active_memberships(user)
        .select_related("organisation")
        .order_by("municipality__name", "role")
    )
    has_device = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    return render(
        request, "accounts/profile.html", {"memberships": memberships, "has_device": has_device}
    )


@require_POST
def switch_municipality(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    try:
        municipality_id = int(request.POST.get("municipality", ""))
        municipality = services.municipality_switch(
            user=user, session=request.session, municipality_id=municipality_id
        )
    except (ValueError, PermissionError):
        queries.record_switch_refused(request)
        return render(
            request,
            "errors/error.html",
            {
                "status": 403,
                "title": _("No access"),
                "message": _("You have no role in that municipality."),
            },
            status=403,
        )
    messages.success(
        request, _("You are now working in %(municipality)s.") % {"municipality": municipality.name}
    )
    # Back to the page that asked for the switch (a link in an e-mail, say), if it is ours.
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("portal:home")


# --- Municipality administrator: users and roles ---------------------------------


def members(request: HttpRequest) -> HttpResponse:
    role = request.GET.get("role", "")
    search = request.GET.get("q", "").strip()
    # The list shows names and e-mail addresses of staff: a read of personal data.
    users = queries.members_listed(request, role=role if role in Role.values else "", search=search)
    page = Paginator(users, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/members.html",
        {
            "page": page,
            "roles": Role.choices,
            "role": role,
            "search": search,
            "query": query_without_page(request),
        },
    )


def member_invite(request: HttpRequest) -> HttpResponse:
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invitation = services.member_invite(
                actor=acting_user(request),
                email=data["email"],
                full_name=data["full_name"],
                role=data["role"],
                organisation=data.get("organisation"),
                preferred_language=data["preferred_language"],
                base_url=request.build_absolute_uri("/"),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if invitation.new_account:
                messages.success(
                    request,
                    _("The invitation has been sent to %(email)s.")
                    % {"email": invitation.user.email},
                )
            else:
                messages.success(
                    request,
                    _("%(name)s already had an account and now has this role.")
                    % {"name": invitation.user},
                )
            return redirect("accounts:member_detail", user_id=invitation.user.pk)
    return render(
        request, "accounts/member_invite.html", {"form": form}, status=400 if form.errors else 200
    )


def member_detail(request: HttpRequest, user_id: int) -> HttpResponse:
    member = queries.member_for(request, user_id)
    form = RoleForm()
    return render(request, "accounts/member_detail.html", {"member": member, "form": form})


@require_POST
def member_add_role(request: HttpRequest, user_id: int) -> HttpResponse:
    member = queries.get_member(user_id)
    form = RoleForm(request.POST)
    if form.is_valid():
        try:
            services.membership_grant(
                actor=acting_user(request),
                user=member,
                role=form.cleaned_data["role"],
                organisation=form.cleaned_data.get("organisation"),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The role has been given."))
            return redirect("accounts:member_detail", user_id=member.pk)
    return render(
        request, "accounts/member_detail.html", {"member": member, "form": form}, status=400
    )


@require_POST
def member_revoke_role(request: HttpRequest, membership_id: int) -> HttpResponse:
    membership = queries.get_local_membership(membership_id)
    try:
        services.membership_revoke(actor=acting_user(request), membership=membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The role has been taken away."))
    return redirect("accounts:member_detail", user_id=membership.user_id)


@require_POST
def member_reinvite(request: HttpRequest, user_id: int) -> HttpResponse:
    member = queries.get_member(user_id)
    try:
        services.invitation_resend(
            actor=acting_user(request), user=member, base_url=request.build_absolute_uri("/")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The invitation has been sent again."))
    return redirect("accounts:member_detail", user_id=member.pk)
