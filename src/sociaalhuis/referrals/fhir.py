"""A referral as HL7 FHIR R4: a ServiceRequest with its Task (closed-loop referral).

The shape follows the closed-loop pattern of the Gravity SDOH Clinical Care guide:
the sender's *ServiceRequest* says what is asked of whom, and the *Task* that
``focus``-es it is where the receiver answers (accepted, rejected, in progress,
completed, ...). Both resources carry the referral's id.

Pure mapping, no database reads beyond what the caller loaded: the person is the
``contained`` Patient of the ServiceRequest, built **only** from the referral's
``shared_data`` snapshot (what the sender chose to share when sending), never from
``clients.Person`` or ``clients.Identity``. A field that was not shared is absent.

``parse_task_update`` reads the partial Task a partner system sends to change the
status (see ``docs/fhir.md``). The documents validate against the R4 models of
``fhir.resources`` (its R4B package: ServiceRequest and Task are the R4 ones).

Kept as one module (past the usual ~400 lines): it is the one place where a referral
meets FHIR, both ways (the resources we serve and the Task updates we accept), so a
code system or an element changes in one file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from sociaalhuis.accounts.models import User
from sociaalhuis.referrals import lifecycle, sharing
from sociaalhuis.referrals.models import (
    ReasonCode,
    Referral,
    ReferralStatus,
    ReferralUpdate,
    TargetKind,
)

FHIR_JSON = "application/fhir+json"
FHIR_VERSION = "4.0.1"

# Our own code systems and naming systems (documented in docs/fhir.md).
BASE = "https://sociaalhuis.be/fhir"
REFERRAL_NUMBER_SYSTEM = f"{BASE}/NamingSystem/referral-number"
REASON_SYSTEM = f"{BASE}/CodeSystem/referral-reason"
REFERRAL_STATUS_SYSTEM = f"{BASE}/CodeSystem/referral-status"
OUTPUT_SYSTEM = f"{BASE}/CodeSystem/referral-output"
LIFE_DOMAIN_SYSTEM = f"{BASE}/CodeSystem/life-domain"
# Belgian identifiers, as the eHealth platform's federal core profiles name them.
SSIN_SYSTEM = "https://www.ehealth.fgov.be/standards/fhir/core/NamingSystem/ssin"
CBE_SYSTEM = "https://www.ehealth.fgov.be/standards/fhir/core/NamingSystem/cbe"
TASK_CODE_SYSTEM = "http://hl7.org/fhir/CodeSystem/task-code"

PATIENT_ID = "patient"
GOT_HELP = "got-help"
OUTCOME = "outcome"

# FHIR request-status of the ServiceRequest for each of our statuses. The Task carries
# the fine-grained state (lifecycle.FHIR_TASK_STATUS); the request is simply active
# until it was done (completed) or ended without being done (revoked).
SERVICE_REQUEST_STATUS: dict[str, str] = {
    ReferralStatus.DRAFT: "draft",
    ReferralStatus.SENT: "active",
    ReferralStatus.RECEIVED: "active",
    ReferralStatus.ACCEPTED: "active",
    ReferralStatus.IN_PROGRESS: "active",
    ReferralStatus.ON_HOLD: "on-hold",
    ReferralStatus.COMPLETED: "completed",
    ReferralStatus.NOT_COMPLETED: "revoked",
    ReferralStatus.DECLINED: "revoked",
    ReferralStatus.CANCELLED: "revoked",
}
SERVICE_REQUEST_STATUSES = frozenset(SERVICE_REQUEST_STATUS.values())
TASK_STATUSES = frozenset(lifecycle.FHIR_TASK_STATUS.values())


def statuses_for_request_status(fhir_status: str) -> list[str]:
    """Our statuses behind one ServiceRequest status (for ``?status=``)."""
    return [ours for ours, theirs in SERVICE_REQUEST_STATUS.items() if theirs == fhir_status]


# --- Small builders -----------------------------------------------------------------------


@dataclass(frozen=True)
class Origin:
    """What the mapping needs that the referral row does not hold."""

    municipality_name: str
    nis_code: str


def instant(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return timezone.localtime(moment).isoformat(timespec="seconds")


def _coding(system: str, code: str, display: str) -> dict[str, Any]:
    return {"system": system, "code": code, "display": display}


def _concept(system: str, code: str, display: str, text: str = "") -> dict[str, Any]:
    return {"coding": [_coding(system, code, display)], "text": text or display}


def _without_empty(document: dict[str, Any]) -> dict[str, Any]:
    """FHIR forbids empty elements: drop None, "", [] and {} values (top level)."""
    return {key: value for key, value in document.items() if value not in (None, "", [], {})}


def fhir_date(shared_value: str) -> str | None:
    """A shared birth date (dd/mm/yyyy, as the snapshot writes it) as a FHIR date."""
    try:
        return datetime.strptime(shared_value.strip(), "%d/%m/%Y").date().isoformat()
    except ValueError:
        return None


def identifier(referral: Referral, origin: Origin) -> dict[str, Any]:
    # Referral numbers are unique per municipality: the system names the municipality.
    return {
        "use": "official",
        "system": f"{REFERRAL_NUMBER_SYSTEM}/{origin.nis_code}",
        "value": referral.reference,
        "assigner": {"display": sociaal_huis(origin)},
    }


def sociaal_huis(origin: Origin) -> str:
    return _("Sociaal Huis %(municipality)s") % {"municipality": origin.municipality_name}


def _user_name(user: User) -> str:
    return str(getattr(user, "full_name", "") or getattr(user, "email", "") or "")


def requester(referral: Referral, origin: Origin) -> dict[str, Any]:
    name = _user_name(referral.created_by)
    return {
        "type": "PractitionerRole",
        "display": f"{name} ({sociaal_huis(origin)})" if name else sociaal_huis(origin),
    }


def receiver(referral: Referral, origin: Origin) -> dict[str, Any]:
    """Who performs the request: a colleague, a cell, or the partner organisation."""
    if referral.target_kind == TargetKind.COLLEAGUE and referral.to_user is not None:
        return {"type": "Practitioner", "display": _user_name(referral.to_user)}
    if referral.target_kind == TargetKind.CELL and referral.to_cell is not None:
        return {
            "type": "Organization",
            "display": f"{referral.to_cell.name} ({sociaal_huis(origin)})",
        }
    organisation = referral.to_organisation
    if organisation is None:
        return {"display": sociaal_huis(origin)}
    reference: dict[str, Any] = {"type": "Organization", "display": organisation.name}
    if organisation.kbo_number:
        reference["identifier"] = {"system": CBE_SYSTEM, "value": organisation.kbo_number}
    return reference


def target_text(referral: Referral, origin: Origin) -> str:
    if referral.target_kind == TargetKind.SERVICE and referral.to_service is not None:
        return f"{referral.to_service.display_name} ({receiver(referral, origin)['display']})"
    return str(receiver(referral, origin)["display"])


# --- The person, from the snapshot only ----------------------------------------------------


def patient(shared_data: Mapping[str, str]) -> dict[str, Any]:
    """The contained Patient: exactly the shared fields, nothing else.

    ``shared_data`` is the snapshot taken when the referral was sent; this function
    never sees the person's records, so what was not shared cannot appear.
    """
    resource: dict[str, Any] = {"resourceType": "Patient", "id": PATIENT_ID}
    if shared_data.get("national_number"):
        resource["identifier"] = [
            {"use": "official", "system": SSIN_SYSTEM, "value": shared_data["national_number"]}
        ]
    if shared_data.get("name"):
        resource["name"] = [{"text": shared_data["name"]}]
    telecom = [
        {"system": system, "value": shared_data[code]}
        for code, system in (("phone", "phone"), ("email", "email"))
        if shared_data.get(code)
    ]
    if telecom:
        resource["telecom"] = telecom
    birth_date = fhir_date(shared_data.get("birth_date", ""))
    if birth_date:
        resource["birthDate"] = birth_date
    if shared_data.get("address"):
        resource["address"] = [{"text": shared_data["address"]}]
    if shared_data.get("language"):
        resource["communication"] = [
            {"language": {"text": shared_data["language"]}, "preferred": True}
        ]
    return resource


# Shared fields that are not about the Patient resource travel as notes.
NOTE_FIELDS = ("question", "housing", "contact_wishes")


def sharing_note(shared_data: Mapping[str, str]) -> str:
    """Says which data the sender shared, so a receiver knows the rest was withheld."""
    shared = [str(sharing.LABELS[code]) for code in sharing.ordered(list(shared_data))]
    withheld = [str(f.label) for f in sharing.SHAREABLE if f.code not in shared_data]
    text = _("Data shared by the sender: %(fields)s.") % {
        "fields": ", ".join(shared) if shared else _("none")
    }
    if withheld:
        text += " " + _(
            "Not shared: %(fields)s. Ask the sender if you need more; the person's other "
            "data are not available through this referral."
        ) % {"fields": ", ".join(withheld)}
    return text


# --- ServiceRequest -------------------------------------------------------------------------


def service_request(referral: Referral, origin: Origin) -> dict[str, Any]:
    shared = referral.shared_data or {}
    subject: dict[str, Any] = {"reference": f"#{PATIENT_ID}"}
    if shared.get("name"):
        subject["display"] = shared["name"]
    notes = [
        {"text": f"{sharing.LABELS[code]}: {shared[code]}"}
        for code in NOTE_FIELDS
        if shared.get(code)
    ]
    notes.append({"text": sharing_note(shared)})
    category = None
    if referral.life_domain is not None:
        category = [
            _concept(LIFE_DOMAIN_SYSTEM, referral.life_domain.code, referral.life_domain.name)
        ]
    performer_type = None
    if referral.target_kind == TargetKind.SERVICE and referral.to_service is not None:
        performer_type = {"text": referral.to_service.display_name}
    appointment = referral.appointment if referral.appointment_id else None
    return _without_empty(
        {
            "resourceType": "ServiceRequest",
            "id": str(referral.pk),
            "meta": {"versionId": str(referral.version)},
            "contained": [patient(shared)],
            "identifier": [identifier(referral, origin)],
            "status": SERVICE_REQUEST_STATUS[referral.status],
            "intent": "order",
            "category": category,
            "priority": referral.urgency,
            "code": {
                "text": _("Referral to %(target)s") % {"target": target_text(referral, origin)}
            },
            "subject": subject,
            "occurrenceDateTime": instant(appointment.starts_at) if appointment else None,
            "authoredOn": instant(referral.sent_at or referral.created_at),
            "requester": requester(referral, origin),
            "performerType": performer_type,
            "performer": [receiver(referral, origin)],
            "reasonCode": [{"text": referral.purpose}],
            "note": notes,
        }
    )


# --- Task -------------------------------------------------------------------------------


def _status_reason(referral: Referral) -> dict[str, Any] | None:
    if not referral.reason_code:
        return None
    label = str(ReasonCode(referral.reason_code).label)
    return _concept(REASON_SYSTEM, referral.reason_code, label, referral.reason_text or label)


def _outputs(referral: Referral) -> list[dict[str, Any]]:
    outputs: list[dict[str, Any]] = []
    if referral.got_help is not None:
        outputs.append(
            {
                "type": _concept(OUTPUT_SYSTEM, GOT_HELP, _("The person got help"), GOT_HELP),
                "valueBoolean": referral.got_help,
            }
        )
    if referral.outcome:
        outputs.append(
            {
                "type": _concept(OUTPUT_SYSTEM, OUTCOME, _("Outcome"), OUTCOME),
                "valueString": referral.outcome,
            }
        )
    return outputs


def _annotations(updates: Iterable[ReferralUpdate]) -> list[dict[str, Any]]:
    return [
        _without_empty({"authorString": update.by_label, "time": instant(update.at), "text": u})
        for update in updates
        if (u := update.note.strip())
    ]


def task(
    referral: Referral, origin: Origin, updates: Iterable[ReferralUpdate] = ()
) -> dict[str, Any]:
    """The Task of the referral; ``updates`` are its steps (those with a message show)."""
    shared = referral.shared_data or {}
    status_label = referral.get_status_display()
    execution = _without_empty(
        {
            "start": instant(referral.accepted_at),
            "end": instant(referral.closed_at) if referral.is_final else None,
        }
    )
    return _without_empty(
        {
            "resourceType": "Task",
            "id": str(referral.pk),
            "meta": {"versionId": str(referral.version)},
            "identifier": [identifier(referral, origin)],
            "status": lifecycle.FHIR_TASK_STATUS[referral.status],
            "statusReason": _status_reason(referral),
            "businessStatus": _concept(REFERRAL_STATUS_SYSTEM, referral.status, str(status_label)),
            "intent": "order",
            "priority": referral.urgency,
            "code": _concept(TASK_CODE_SYSTEM, "fulfill", "Fulfill the focal request"),
            "focus": {"reference": f"ServiceRequest/{referral.pk}", "display": referral.reference},
            # A contained Patient cannot be referred to from another resource.
            "for": {"display": shared["name"]} if shared.get("name") else None,
            "executionPeriod": execution,
            "authoredOn": instant(referral.sent_at or referral.created_at),
            "lastModified": instant(referral.status_changed_at),
            "requester": requester(referral, origin),
            "owner": receiver(referral, origin),
            "note": _annotations(updates),
            "restriction": {"period": {"end": referral.response_due_on.isoformat()}},
            "output": _outputs(referral),
        }
    )


# --- Bundles and outcomes ------------------------------------------------------------------


def bundle(
    entries: Sequence[tuple[str, dict[str, Any]]], *, total: int, links: Mapping[str, str]
) -> dict[str, Any]:
    """A searchset Bundle of ``(fullUrl, resource)`` with paging links."""
    return _without_empty(
        {
            "resourceType": "Bundle",
            "type": "searchset",
            "meta": {"lastUpdated": instant(timezone.now())},
            "total": total,
            "link": [{"relation": relation, "url": url} for relation, url in links.items()],
            "entry": [
                {"fullUrl": url, "resource": resource, "search": {"mode": "match"}}
                for url, resource in entries
            ],
        }
    )


def operation_outcome(
    message: str,
    *,
    code: str = "processing",
    severity: str = "error",
    expression: Sequence[str] = (),
    more: Sequence[tuple[str, str, Sequence[str]]] = (),
) -> dict[str, Any]:
    """An OperationOutcome: the first issue, then ``more`` as (message, code, expression)."""
    issues = [(message, code, expression), *more]
    return {
        "resourceType": "OperationOutcome",
        "issue": [
            _without_empty(
                {
                    "severity": severity,
                    "code": issue_code,
                    "diagnostics": text,
                    "details": {"text": text},
                    "expression": list(where),
                }
            )
            for text, issue_code, where in issues
        ],
    }


# --- Reading a Task update ---------------------------------------------------------------


class FhirInputError(ValueError):
    """A Task update we cannot read; ``status`` is the HTTP status to answer."""

    def __init__(
        self, message: str, *, code: str = "invalid", status: int = 422, expression: str = ""
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.status = status
        self.expression = expression


@dataclass
class TaskUpdate:
    """What a partner asked for: a new status (ours), a reason, messages, got-help."""

    status: str = ""  # one of ReferralStatus, "" when the update sets none
    reason_code: str = ""
    reason_text: str = ""
    notes: list[str] = field(default_factory=list)
    got_help: bool | None = None
    outcome: str = ""

    @property
    def note(self) -> str:
        return "\n\n".join(n for n in (self.outcome, *self.notes) if n)


UPDATABLE = frozenset({"resourceType", "id", "meta", "status", "statusReason", "note", "output"})


def _object(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise FhirInputError(
            _("%(element)s must be a JSON object.") % {"element": where},
            code="structure",
            status=400,
            expression=where,
        )
    return value


def _list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise FhirInputError(
            _("%(element)s must be a JSON array.") % {"element": where},
            code="structure",
            status=400,
            expression=where,
        )
    return value


def _text(value: Any, where: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise FhirInputError(
            _("%(element)s must be text.") % {"element": where},
            code="structure",
            status=400,
            expression=where,
        )
    return value.strip()


def _codes(concept: dict[str, Any], where: str) -> list[tuple[str, str]]:
    codings = _list(concept.get("coding", []), f"{where}.coding")
    return [
        (
            _text(_object(c, f"{where}.coding").get("system"), f"{where}.coding.system"),
            _text(c.get("code"), f"{where}.coding.code"),
        )
        for c in codings
    ]


def _is(concept: dict[str, Any], where: str, code: str) -> bool:
    if any(system in ("", OUTPUT_SYSTEM) and c == code for system, c in _codes(concept, where)):
        return True
    return _text(concept.get("text"), f"{where}.text") == code


def _reason(document: dict[str, Any], update: TaskUpdate) -> None:
    if "statusReason" not in document:
        return
    concept = _object(document["statusReason"], "Task.statusReason")
    for system, code in _codes(concept, "Task.statusReason"):
        if system != REASON_SYSTEM:
            continue
        if code not in ReasonCode.values:
            raise FhirInputError(
                _("Unknown reason code “%(code)s”; use one of: %(codes)s.")
                % {"code": code, "codes": ", ".join(ReasonCode.values)},
                code="code-invalid",
                expression="Task.statusReason.coding.code",
            )
        update.reason_code = code
    if not update.reason_code and concept.get("coding"):
        raise FhirInputError(
            _("Give the reason as a code of %(system)s.") % {"system": REASON_SYSTEM},
            code="code-invalid",
            expression="Task.statusReason.coding.system",
        )
    update.reason_text = _text(concept.get("text"), "Task.statusReason.text")
    if update.reason_code and update.reason_text == str(ReasonCode(update.reason_code).label):
        update.reason_text = ""  # our own label sent back is no explanation


def _outputs_of(document: dict[str, Any], update: TaskUpdate) -> None:
    for item in _list(document.get("output", []), "Task.output"):
        output = _object(item, "Task.output")
        kind = _object(output.get("type", {}), "Task.output.type")
        if _is(kind, "Task.output.type", GOT_HELP):
            value = output.get("valueBoolean")
            if not isinstance(value, bool):
                raise FhirInputError(
                    _("The output “got-help” needs valueBoolean true or false."),
                    code="value",
                    expression="Task.output.valueBoolean",
                )
            update.got_help = value
        elif _is(kind, "Task.output.type", OUTCOME):
            update.outcome = _text(output.get("valueString"), "Task.output.valueString")
        else:
            raise FhirInputError(
                _("Unknown output; send “got-help” (valueBoolean) or “outcome” (valueString)."),
                code="not-supported",
                expression="Task.output.type",
            )


def parse_task_update(document: Any) -> TaskUpdate:
    """Read a partial Task: status, statusReason, note and output, nothing else.

    Raises ``FhirInputError`` with a translated message for anything we cannot use.
    """
    body = _object(document, "Task")
    if body.get("resourceType", "Task") != "Task":
        raise FhirInputError(
            _("Send a Task resource."), code="structure", status=400, expression="Task"
        )
    unknown = sorted(set(body) - UPDATABLE)
    if unknown:
        raise FhirInputError(
            _("Only status, statusReason, note and output of a Task can be changed, not: %(x)s.")
            % {"x": ", ".join(unknown)},
            code="not-supported",
            expression=f"Task.{unknown[0]}",
        )
    update = TaskUpdate()
    if "status" in body:
        fhir_status = _text(body["status"], "Task.status")
        if fhir_status not in lifecycle.STATUS_FROM_FHIR:
            raise FhirInputError(
                _("Unknown Task status “%(status)s”; use one of: %(statuses)s.")
                % {"status": fhir_status, "statuses": ", ".join(sorted(TASK_STATUSES))},
                code="code-invalid",
                status=400,
                expression="Task.status",
            )
        update.status = lifecycle.STATUS_FROM_FHIR[fhir_status]
    _reason(body, update)
    for item in _list(body.get("note", []), "Task.note"):
        text = _text(_object(item, "Task.note").get("text"), "Task.note.text")
        if text:
            update.notes.append(text)
    _outputs_of(body, update)
    return update


WEAK_ETAG = re.compile(r'^\s*(?:W/)?"(\d+)"\s*$')


def etag(referral: Referral) -> str:
    return f'W/"{referral.version}"'


def version_in(if_match: str) -> int | None:
    """The version an ``If-Match`` header names (``W/"3"``), or None if unreadable."""
    match = WEAK_ETAG.match(if_match)
    return int(match.group(1)) if match else None
