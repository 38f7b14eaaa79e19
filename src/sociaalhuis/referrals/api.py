"""The FHIR R4 API of referrals: ServiceRequest and Task (closed-loop referral).

Mounted at ``/api/v1/fhir/``. A referral is a ServiceRequest (what the sender asks)
and a Task with the same id (where the receiver answers, after the Gravity SDOH
closed-loop pattern). Partner systems read their organisation's referrals and update
the Task status with a partner token (``Authorization: Bearer``, see
``referrals.tokens``); workers use their session (with the CSRF token for writes).

- Which referrals: those the caller sees on the platform, from either side
  (``referrals.queries``): 404 for another municipality's, 403 for one that is not
  theirs, both as a FHIR OperationOutcome with a translated message. A token reaches
  only referrals sent to its organisation.
- What of the person: only the snapshot the sender shared (``referrals.fhir``).
- Every referral returned is recorded in the access log (one read per referral);
  updates go through the same services as the pages, which record them.

The authorization matrix lets the roles in (``api:fhir_*`` in ``ROUTES``). The GET
and PATCH of one Task share their address, so the matrix resolves both as
``api:fhir_task`` (same permission as ``api:fhir_task_update``).

Kept as one module (past the usual ~400 lines): one router whose endpoints share the
access door, the search parameters and the OperationOutcome errors; it is one API
contract.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router
from ninja.security import HttpBearer, django_auth

from sociaalhuis.accounts.middleware import partner_token_of
from sociaalhuis.accounts.queries import acting_user, workspace_of
from sociaalhuis.audit.models import Action, Result
from sociaalhuis.core.concurrency import EditConflictError
from sociaalhuis.referrals import fhir, lifecycle, queries, services
from sociaalhuis.referrals.fhir import FHIR_JSON, FhirInputError
from sociaalhuis.referrals.lifecycle import ReferralAction
from sociaalhuis.referrals.models import Referral

DEFAULT_COUNT = queries.PAGE_SIZE
MAX_COUNT = 100
FHIR_SCHEMA = "https://hl7.org/fhir/R4/fhir.schema.json#/definitions/"
# Bodies we read as a partial Task (a JSON merge patch of the Task's fields).
PATCH_TYPES = ("", "application/json", FHIR_JSON, "application/merge-patch+json")


class PartnerTokenAuth(HttpBearer):
    """A partner API token, checked by TenantMiddleware before any view runs."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        return request.user if partner_token_of(request) is not None else None


# The token first: a token request carries no cookies and needs no CSRF token; session
# callers keep django-ninja's CSRF check for writes.
router = Router(tags=["FHIR R4 closed-loop referrals"], auth=[PartnerTokenAuth(), django_auth])


# --- Responses ------------------------------------------------------------------------


def _fhir_response(
    document: dict[str, Any], *, status: int = 200, referral: Referral | None = None
) -> HttpResponse:
    response = JsonResponse(document, status=status, content_type=FHIR_JSON)
    if referral is not None:
        response["ETag"] = fhir.etag(referral)
    return response


def _outcome(
    status: int, message: str, *, code: str, expression: tuple[str, ...] = (), more: Any = ()
) -> HttpResponse:
    return _fhir_response(
        fhir.operation_outcome(message, code=code, expression=expression, more=more),
        status=status,
    )


def _documented(resource: str, summary: str) -> dict[str, Any]:
    """Point the OpenAPI document at the FHIR R4 JSON schema of the response."""
    schema = {"$ref": f"{FHIR_SCHEMA}{resource}"}
    outcome = {"content": {FHIR_JSON: {"schema": {"$ref": f"{FHIR_SCHEMA}OperationOutcome"}}}}
    return {
        "responses": {
            200: {"description": summary, "content": {FHIR_JSON: {"schema": schema}}},
            403: {"description": "Not your referral (OperationOutcome).", **outcome},
            404: {"description": "No such referral here (OperationOutcome).", **outcome},
        }
    }


def _search_parameters(statuses: frozenset[str]) -> list[dict[str, Any]]:
    return [
        {
            "name": "status",
            "in": "query",
            "required": False,
            "description": "Only these statuses, comma-separated: " + ", ".join(sorted(statuses)),
            "schema": {"type": "string"},
        },
        {
            "name": "page",
            "in": "query",
            "required": False,
            "description": "Page number, from 1.",
            "schema": {"type": "integer", "minimum": 1, "default": 1},
        },
        {
            "name": "_count",
            "in": "query",
            "required": False,
            "description": f"Resources per page, at most {MAX_COUNT}.",
            "schema": {"type": "integer", "minimum": 1, "maximum": MAX_COUNT},
        },
    ]


# --- Access ---------------------------------------------------------------------------


def _origin(request: HttpRequest) -> fhir.Origin:
    municipality = workspace_of(request).municipality
    assert municipality is not None  # the matrix requires a municipality
    return fhir.Origin(municipality_name=municipality.name, nis_code=municipality.nis_code)


def _audit_reason(request: HttpRequest) -> str:
    token = partner_token_of(request)
    if token is None:
        return ""
    return _("Through partner API token %(prefix)s…") % {"prefix": token.prefix}


def _record_read(request: HttpRequest, referral: Referral) -> None:
    queries.record_read(request, referral, reason=_audit_reason(request))


def _visible(request: HttpRequest) -> QuerySet[Referral]:
    """Every referral the caller sees, from either side (a token: its organisation's)."""
    user = acting_user(request)
    token = partner_token_of(request)
    if token is not None:
        rows = queries.received_by(user).filter(to_organisation_id=token.organisation_id)
    else:
        rows = queries.visible_to(user)
    return rows.select_related(
        "to_user",
        "to_cell",
        "to_service",
        "to_organisation",
        "created_by",
        "life_domain",
        "appointment",
    ).prefetch_related("to_service__texts")


def _referral(request: HttpRequest, referral_id: str, *, read: bool = True) -> Referral:
    """The referral behind an id, through the door (404 elsewhere, 403 if not the
    caller's; a partner token sees only what was sent to its organisation). ``read``:
    the answer shows the referral, so the door records the read, naming the token."""
    if not (referral_id.isascii() and referral_id.isdigit()) or len(referral_id) > 18:
        raise Http404
    token = partner_token_of(request)
    organisation_id = token.organisation_id if token is not None else None
    if not read:
        referral, _side = queries.referral_to_change(
            request, int(referral_id), organisation_id=organisation_id
        )
        return referral
    referral, _side = queries.referral_for(
        request, int(referral_id), organisation_id=organisation_id, reason=_audit_reason(request)
    )
    return referral


def _guarded(
    request: HttpRequest, referral_id: str, action: str, work: Callable[[], HttpResponse]
) -> HttpResponse:
    """Run ``work``; a referral that is not there or not the caller's is an OperationOutcome.

    Refusals are written to the access log like the matrix's own.
    """
    try:
        return work()
    except Http404:
        result, status, code = Result.NOT_FOUND, 404, "not-found"
        message = _("There is no referral with this id in your municipality.")
    except PermissionDenied:
        result, status, code = Result.DENIED, 403, "forbidden"
        message = (
            _(
                "This referral was not sent to your organisation: a partner token reads and "
                "updates only the referrals sent to its own organisation."
            )
            if partner_token_of(request) is not None
            else _(
                "This referral is not yours: you did not send it, you are not on its "
                "dossier's care team, and it was not sent to you, your cell or your "
                "organisation."
            )
        )
    queries.record_refusal(
        request,
        action=action,
        referral_id=referral_id,
        result=result,
        reason=_audit_reason(request),
    )
    return _outcome(status, message, code=code)


# --- Searching ------------------------------------------------------------------------


def _statuses(request: HttpRequest, allowed: frozenset[str]) -> list[str] | HttpResponse:
    """The FHIR statuses asked for with ``?status=`` (a 400 OperationOutcome if unknown)."""
    wanted = [s.strip() for s in request.GET.get("status", "").split(",") if s.strip()]
    unknown = [s for s in wanted if s not in allowed]
    if unknown:
        return _outcome(
            400,
            _("Unknown status “%(status)s”; use one of: %(statuses)s.")
            % {"status": unknown[0], "statuses": ", ".join(sorted(allowed))},
            code="code-invalid",
            expression=("status",),
        )
    return wanted


def _positive(value: str, default: int, maximum: int) -> int:
    usable = value.isascii() and value.isdigit() and 0 < len(value) < 7
    return min(int(value), maximum) if usable else default


def _search(
    request: HttpRequest,
    rows: QuerySet[Referral],
    resource: Callable[[Referral], dict[str, Any]],
    url_name: str,
) -> HttpResponse:
    """One page of ``rows`` as a searchset Bundle; each referral on it is recorded."""
    count = max(_positive(request.GET.get("_count", ""), DEFAULT_COUNT, MAX_COUNT), 1)
    page = max(_positive(request.GET.get("page", ""), 1, 10**6), 1)
    total = rows.count()
    on_page = list(rows.order_by("-created_at", "-pk")[(page - 1) * count : page * count])
    for referral in on_page:
        _record_read(request, referral)

    def page_url(number: int) -> str:
        query = request.GET.copy()
        query["page"] = str(number)
        query["_count"] = str(count)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    last = max((total + count - 1) // count, 1)
    links = {"self": page_url(page), "first": page_url(1)}
    if page > 1:
        links["previous"] = page_url(min(page - 1, last))
    if page < last:
        links["next"] = page_url(page + 1)
    links["last"] = page_url(last)
    entries = [
        (
            request.build_absolute_uri(reverse(url_name, kwargs={"referral_id": str(r.pk)})),
            resource(r),
        )
        for r in on_page
    ]
    return _fhir_response(fhir.bundle(entries, total=total, links=links))


# --- ServiceRequest -------------------------------------------------------------------


@router.get(
    "/ServiceRequest",
    url_name="fhir_service_requests",
    summary="Search referrals (ServiceRequest)",
    description="The referrals you see, from the sending or the receiving side, newest "
    "first, as a FHIR R4 searchset Bundle of ServiceRequests. The person is a contained "
    "Patient with only the data the sender shared. Filter on the request status with "
    "`status` (draft, active, on-hold, completed, revoked); page with `page` and `_count`.",
    openapi_extra={
        **_documented("Bundle", "A searchset Bundle of ServiceRequests."),
        "parameters": _search_parameters(fhir.SERVICE_REQUEST_STATUSES),
    },
)
def service_requests(request: HttpRequest) -> HttpResponse:
    wanted = _statuses(request, fhir.SERVICE_REQUEST_STATUSES)
    if isinstance(wanted, HttpResponse):
        return wanted
    rows = _visible(request)
    if wanted:
        ours = [s for status in wanted for s in fhir.statuses_for_request_status(status)]
        rows = rows.filter(status__in=ours)
    origin = _origin(request)
    return _search(
        request,
        rows,
        lambda referral: fhir.service_request(referral, origin),
        "api:fhir_service_request",
    )


@router.get(
    "/ServiceRequest/{referral_id}",
    url_name="fhir_service_request",
    summary="Read a referral (ServiceRequest)",
    description="One referral as a FHIR R4 ServiceRequest: to whom, why, how urgent, and "
    "the person as a contained Patient built only from the data the sender shared. "
    "`meta.versionId` and the ETag are the referral's version.",
    openapi_extra=_documented("ServiceRequest", "The ServiceRequest."),
)
def service_request(request: HttpRequest, referral_id: str) -> HttpResponse:
    def work() -> HttpResponse:
        referral = _referral(request, referral_id)
        return _fhir_response(fhir.service_request(referral, _origin(request)), referral=referral)

    return _guarded(request, referral_id, Action.READ, work)


# --- Task -------------------------------------------------------------------------------


def _task_document(request: HttpRequest, referral: Referral) -> dict[str, Any]:
    updates = getattr(referral, "noted_updates", None)
    if updates is None:
        updates = list(queries.updates_of(referral).exclude(note=""))
    return fhir.task(referral, _origin(request), updates)


@router.get(
    "/Task",
    url_name="fhir_tasks",
    summary="Search referral tasks (Task)",
    description="The Tasks of the referrals you see (one per referral, with the same id as "
    "its ServiceRequest), as a FHIR R4 searchset Bundle. Filter with `status` (requested, "
    "received, accepted, rejected, in-progress, on-hold, completed, failed, cancelled, "
    "draft); page with `page` and `_count`.",
    openapi_extra={
        **_documented("Bundle", "A searchset Bundle of Tasks."),
        "parameters": _search_parameters(fhir.TASK_STATUSES),
    },
)
def tasks(request: HttpRequest) -> HttpResponse:
    wanted = _statuses(request, fhir.TASK_STATUSES)
    if isinstance(wanted, HttpResponse):
        return wanted
    rows = _visible(request)
    if wanted:
        rows = rows.filter(status__in=[lifecycle.STATUS_FROM_FHIR[s] for s in wanted])
    return _search(
        request,
        queries.with_noted_updates(rows),
        lambda referral: _task_document(request, referral),
        "api:fhir_task",
    )


@router.get(
    "/Task/{referral_id}",
    url_name="fhir_task",
    summary="Read a referral's task (Task)",
    description="Where the referral stands, as a FHIR R4 Task that `focus`-es its "
    "ServiceRequest: status, reason, business status, messages (`note`), the answer date "
    "(`restriction.period.end`) and, once completed, whether the person got help "
    "(`output`). The ETag is the version to send back in `If-Match`.",
    openapi_extra=_documented("Task", "The Task."),
)
def task(request: HttpRequest, referral_id: str) -> HttpResponse:
    def work() -> HttpResponse:
        referral = _referral(request, referral_id)
        return _fhir_response(_task_document(request, referral), referral=referral)

    return _guarded(request, referral_id, Action.READ, work)


TASK_PATCH_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "A partial Task (JSON merge patch): only these elements.",
    "properties": {
        "resourceType": {"type": "string", "enum": ["Task"]},
        "status": {"type": "string", "enum": sorted(fhir.TASK_STATUSES)},
        "statusReason": {
            "type": "object",
            "description": f"A code of {fhir.REASON_SYSTEM} and/or an explanation.",
            "properties": {
                "coding": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "system": {"type": "string", "enum": [fhir.REASON_SYSTEM]},
                            "code": {"type": "string"},
                        },
                    },
                },
                "text": {"type": "string"},
            },
        },
        "note": {
            "type": "array",
            "items": {"type": "object", "properties": {"text": {"type": "string"}}},
        },
        "output": {
            "type": "array",
            "description": "On completion: got-help (valueBoolean), outcome (valueString).",
            "items": {"type": "object"},
        },
    },
    "example": {
        "status": "rejected",
        "statusReason": {
            "coding": [{"system": fhir.REASON_SYSTEM, "code": "no_capacity"}],
            "text": "Waiting list full until March.",
        },
    },
}


def _validation_outcome(error: ValidationError) -> HttpResponse:
    """A service's refusal as an OperationOutcome (409 for a step not allowed now)."""
    where = {
        "reason_code": "Task.statusReason.coding",
        "reason_text": "Task.statusReason.text",
        "got_help": "Task.output",
        "note": "Task.note",
    }
    issues: list[tuple[str, str, tuple[str, ...]]] = []
    codes: set[str] = set()
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            for item in errors:
                codes.add(str(item.code or ""))
                required = str(item.code or "").endswith("required")
                expression: tuple[str, ...] = (where[name],) if name in where else ()
                for message in item.messages:
                    issues.append(
                        (message, "required" if required else "business-rule", expression)
                    )
    else:
        for item in error.error_list:
            codes.add(str(item.code or ""))
            for message in item.messages:
                issues.append((message, "business-rule", ()))
    status = 409 if codes & {"closed", "illegal_transition", "not_draft"} else 422
    (message, code, where_first), *more = issues or [(_("Not allowed."), "business-rule", ())]
    return _outcome(status, message, code=code, expression=where_first, more=more)


def _input_error(error: FhirInputError) -> HttpResponse:
    expression = (error.expression,) if error.expression else ()
    return _outcome(error.status, error.message, code=error.code, expression=expression)


def _action_towards(current: str, target: str) -> ReferralAction:
    """The step from ``current`` to ``target``; when none is allowed, the step that would
    lead there, so the service refuses it with its own clear message."""
    action = lifecycle.action_to(current, target)
    if action is not None:
        return action
    for candidate, transition in lifecycle.TRANSITIONS.items():
        if transition.to_status == target:
            return candidate
    raise FhirInputError(
        _("A referral that was sent cannot become a draft again."),
        code="business-rule",
        status=409,
        expression="Task.status",
    )


def _read_body(request: HttpRequest) -> Any:
    content_type = request.content_type or ""
    if content_type not in PATCH_TYPES:
        raise FhirInputError(
            _("Send the changes as a partial Task in JSON (application/fhir+json)."),
            code="not-supported",
            status=415,
        )
    try:
        return json.loads(request.body or b"null")
    except (UnicodeDecodeError, json.JSONDecodeError) as broken:
        raise FhirInputError(
            _("The body is not valid JSON."), code="structure", status=400
        ) from broken


def _apply_update(request: HttpRequest, referral: Referral) -> HttpResponse | None:
    """Take the step or post the message a Task update asks for; None when done."""
    update = fhir.parse_task_update(_read_body(request))
    if_match = request.headers.get("If-Match", "")
    if if_match and fhir.version_in(if_match) != referral.version:
        return _outcome(
            412,
            _(
                "The referral changed since you read it (it is now at version %(version)s). "
                "Read the Task again and decide anew."
            )
            % {"version": referral.version},
            code="conflict",
        )
    user = acting_user(request)
    expected = fhir.version_in(if_match) if if_match else None
    if update.status and update.status == referral.status:
        if update.reason_code and update.reason_code != referral.reason_code:
            raise FhirInputError(
                _(
                    "The referral already has this status; its reason does not change. "
                    "To explain more, send a note without a status."
                ),
                code="business-rule",
                expression="Task.statusReason",
            )
        if update.notes and not queries.is_latest_note(referral, update.note):
            # Same status, new words: a message, not lost.
            services.referral_message(
                referral, actor=user, note=update.note, via_api=True, based_on_version=expected
            )
        return None  # otherwise the step was already taken: a retry changes nothing
    if update.status:
        services.referral_transition(
            referral,
            actor=user,
            action=_action_towards(referral.status, update.status),
            reason_code=update.reason_code,
            reason_text=update.reason_text,
            note=update.note,
            got_help=update.got_help,
            via_api=True,
            based_on_version=expected,
        )
        return None
    if update.got_help is not None or update.outcome or update.reason_code:
        raise FhirInputError(
            _("A reason or an outcome goes with a new status; send the status too."),
            code="business-rule",
            expression="Task.status",
        )
    if not update.notes:
        raise FhirInputError(
            _("Nothing to change: send a new status, a note, or both."),
            code="required",
            status=400,
        )
    services.referral_message(
        referral, actor=user, note=update.note, via_api=True, based_on_version=expected
    )
    return None


@router.patch(
    "/Task/{referral_id}",
    url_name="fhir_task_update",
    summary="Answer a referral: update its Task",
    description="Change the Task's status (accept, reject with a reason, start, put on "
    "hold, complete with whether the person got help, fail, cancel) and/or add a message "
    "(`note`), with a partial Task as body. The same rules apply as on the platform: a "
    "step that is not allowed from the current status, or on a closed referral, answers "
    "409 with the reason; a missing reason 422. Asking for the status the Task already "
    "has changes nothing. Send `If-Match` with the ETag you read to be refused (412) "
    "when the referral changed in between. Answers the updated Task.",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                FHIR_JSON: {"schema": TASK_PATCH_SCHEMA},
                "application/json": {"schema": TASK_PATCH_SCHEMA},
            },
        },
        **_documented("Task", "The updated Task."),
    },
)
def task_update(request: HttpRequest, referral_id: str) -> HttpResponse:
    def work() -> HttpResponse:
        # The updated Task that the answer shows is read (and recorded) after the change.
        referral = _referral(request, referral_id, read=False)
        try:
            refused = _apply_update(request, referral)
        except FhirInputError as error:
            return _input_error(error)
        except ValidationError as error:
            return _validation_outcome(error)
        except PermissionDenied:
            queries.record_refusal(
                request,
                action=Action.UPDATE,
                referral=referral,
                reason=_audit_reason(request),
            )
            return _outcome(
                403,
                _(
                    "Your side of the referral cannot take this step: the receiver "
                    "accepts, declines, starts, holds and completes; the sender sends and "
                    "cancels."
                ),
                code="forbidden",
                expression=("Task.status",),
            )
        except EditConflictError as clash:
            if request.headers.get("If-Match"):
                return _outcome(
                    412,
                    _(
                        "The referral changed since you read it (it is now at version "
                        "%(version)s). Read the Task again and decide anew."
                    )
                    % {"version": getattr(clash.current, "version", "?")},
                    code="conflict",
                )
            return _outcome(
                409,
                _("The referral changed at the same moment; read the Task again."),
                code="conflict",
            )
        if refused is not None:
            return refused
        current = _referral(request, referral_id)
        return _fhir_response(_task_document(request, current), referral=current)

    return _guarded(request, referral_id, Action.UPDATE, work)
