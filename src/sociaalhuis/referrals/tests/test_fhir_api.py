"""The FHIR R4 API of referrals: ServiceRequest and Task, read and answered.

Every document is validated with the R4 models of ``fhir.resources`` (its R4B
package; ServiceRequest, Task, Bundle and OperationOutcome are the R4 ones).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.operationoutcome import OperationOutcome
from fhir.resources.R4B.servicerequest import ServiceRequest
from fhir.resources.R4B.task import Task

from sociaalhuis.accounts.models import User
from sociaalhuis.accounts.roles import Role
from sociaalhuis.audit.models import AccessLogEntry, Action, Result
from sociaalhuis.clients.models import Identity
from sociaalhuis.core.concurrency import EditConflictError
from sociaalhuis.directory.tests.factories import OrganisationFactory
from sociaalhuis.dossiers.models import TimelineEntry, TimelineKind
from sociaalhuis.referrals import fhir, lifecycle, services
from sociaalhuis.referrals.lifecycle import ReferralAction
from sociaalhuis.referrals.models import (
    PartnerToken,
    ReasonCode,
    Referral,
    ReferralStatus,
    ReferralUpdate,
)
from sociaalhuis.referrals.tokens import services as tokens
from sociaalhuis.testing import Cast, act_as
from sociaalhuis.testing.examples.directory import example_service
from sociaalhuis.testing.examples.dossiers import example_dossier
from sociaalhuis.testing.examples.referrals import example_referral, make_referral

ClientFor = Callable[[User], Client]

FHIR_JSON = "application/fhir+json"
SERVICE_REQUEST_STATUSES = {"draft", "active", "on-hold", "revoked", "completed"}
TASK_STATUSES = {
    "draft",
    "requested",
    "received",
    "accepted",
    "rejected",
    "ready",
    "cancelled",
    "in-progress",
    "on-hold",
    "failed",
    "completed",
    "entered-in-error",
}
# What the example person's records hold; none of it may appear unless shared.
IDENTITY_PHONE = "0499 88 77 66"
IDENTITY_NUMBER = "80051700191"
IDENTITY_VALUES = ("Voorbeeld Example", "1980-05-17", "17/05/1980", IDENTITY_PHONE, IDENTITY_NUMBER)


# --- Helpers -----------------------------------------------------------------------------


def make_token(cast: Cast, slug: str = "ronse") -> str:
    organisation = cast.organisations[slug]
    with cast.acting(slug, Role.PARTNER_WORKER) as user:
        _token, secret = tokens.token_create(
            actor=user, label="Case management system", organisation=organisation
        )
    return secret


def api_client(secret: str) -> Client:
    """A partner system: no session, no cookies, CSRF enforced as for any client."""
    client = Client(enforce_csrf_checks=True, headers={"Authorization": f"Bearer {secret}"})
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def partner(cast: Cast) -> Client:
    return api_client(make_token(cast))


@pytest.fixture
def person_records(cast: Cast) -> None:
    Identity.unscoped.filter(person=example_dossier(cast, "ronse").person).update(
        phone=IDENTITY_PHONE, national_number=IDENTITY_NUMBER, email="private@example.test"
    )


def sr_url(referral: Referral) -> str:
    return reverse("api:fhir_service_request", kwargs={"referral_id": str(referral.pk)})


def task_url(referral: Referral) -> str:
    return reverse("api:fhir_task", kwargs={"referral_id": str(referral.pk)})


def patch(client: Client, referral: Referral, body: Any, **headers: str) -> Any:
    return client.patch(
        task_url(referral), data=json.dumps(body), content_type=FHIR_JSON, headers=headers
    )


def service_request_of(response: Any) -> dict[str, Any]:
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == FHIR_JSON
    document = response.json()
    ServiceRequest.model_validate(document)
    assert document["status"] in SERVICE_REQUEST_STATUSES
    return document


def task_of(response: Any) -> dict[str, Any]:
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == FHIR_JSON
    document = response.json()
    Task.model_validate(document)
    assert document["status"] in TASK_STATUSES
    assert response["ETag"] == f'W/"{document["meta"]["versionId"]}"'
    return document


def outcome_of(response: Any, status: int) -> str:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == FHIR_JSON
    document = response.json()
    OperationOutcome.model_validate(document)
    message = document["issue"][0]["diagnostics"]
    assert message
    return str(message)


def contained_patient(document: dict[str, Any]) -> dict[str, Any]:
    assert document["subject"]["reference"] == "#patient"
    (patient,) = document["contained"]
    assert patient["resourceType"] == "Patient"
    return dict(patient)


def other_organisation_referral(cast: Cast, reference: str = "V2000-0201") -> Referral:
    """A Ronse referral to another partner organisation than the cast's."""
    other = OrganisationFactory.create(name="Andere Partner vzw", serves=[cast.ronse])
    service = example_service(other, cast.ronse)
    return make_referral(
        cast, "ronse", reference=reference, to_service=service, to_organisation=other
    )


# --- Reading -----------------------------------------------------------------------------


def test_a_partner_reads_a_referral_as_a_valid_service_request(cast: Cast, partner: Client) -> None:
    referral = example_referral(cast, "ronse")
    response = partner.get(sr_url(referral))
    document = service_request_of(response)

    assert document["id"] == str(referral.pk)
    assert document["status"] == "active"
    assert document["intent"] == "order"
    assert document["priority"] == "routine"
    assert document["identifier"][0]["value"] == referral.reference
    assert document["identifier"][0]["system"].endswith(f"/{cast.ronse.nis_code}")
    assert document["performer"][0]["display"] == cast.organisations["ronse"].name
    assert document["reasonCode"][0]["text"] == referral.purpose
    assert document["meta"]["versionId"] == str(referral.version)
    assert response["ETag"] == f'W/"{referral.version}"'
    # The read is on the record, attributed to the partner and their token.
    entry = AccessLogEntry.unscoped.get(
        object_type="referrals.referral", object_id=str(referral.pk), action=Action.READ
    )
    assert entry.actor == cast.user("ronse", Role.PARTNER_WORKER)
    assert entry.person_id == referral.person_id
    assert "shp_" in entry.reason


def test_a_partner_reads_the_task_that_focuses_the_service_request(
    cast: Cast, partner: Client
) -> None:
    referral = example_referral(cast, "ronse")
    document = task_of(partner.get(task_url(referral)))

    assert document["status"] == "requested"
    assert document["intent"] == "order"
    assert document["focus"]["reference"] == f"ServiceRequest/{referral.pk}"
    assert document["for"] == {"display": "Mira Example"}
    assert document["owner"]["display"] == cast.organisations["ronse"].name
    assert document["restriction"]["period"]["end"] == referral.response_due_on.isoformat()
    assert document["businessStatus"]["coding"][0]["code"] == "sent"


@pytest.mark.parametrize(
    ("shared", "expected"),
    [
        ({"name": "Mira Gedeeld"}, {"name": [{"text": "Mira Gedeeld"}]}),
        (
            {"name": "Mira Gedeeld", "phone": "0470 00 00 01"},
            {
                "name": [{"text": "Mira Gedeeld"}],
                "telecom": [{"system": "phone", "value": "0470 00 00 01"}],
            },
        ),
        (
            {"email": "mira@example.test", "birth_date": "03/02/1990"},
            {
                "telecom": [{"system": "email", "value": "mira@example.test"}],
                "birthDate": "1990-02-03",
            },
        ),
        (
            {"name": "Mira Gedeeld", "national_number": "90020312345"},
            {
                "name": [{"text": "Mira Gedeeld"}],
                "identifier": [
                    {"use": "official", "system": fhir.SSIN_SYSTEM, "value": "90020312345"}
                ],
            },
        ),
        (
            {"address": "Kerkstraat 1, 9600 Ronse"},
            {"address": [{"text": "Kerkstraat 1, 9600 Ronse"}]},
        ),
        ({}, {}),
    ],
)
@pytest.mark.parametrize("side", ["partner", "social_worker"])
@pytest.mark.usefixtures("person_records")
def test_the_patient_holds_exactly_the_shared_fields_on_both_sides(
    cast: Cast,
    client_for: ClientFor,
    shared: dict[str, str],
    expected: dict[str, Any],
    side: str,
) -> None:
    referral = make_referral(cast, "ronse", reference="V2000-0101", shared_data=shared)
    referral.shared_data = shared  # make_referral falls back to a name for {}
    Referral.unscoped.filter(pk=referral.pk).update(shared_data=shared)
    client = (
        api_client(make_token(cast))
        if side == "partner"
        else client_for(cast.user("ronse", Role.SOCIAL_WORKER))
    )
    response = client.get(sr_url(referral))
    document = service_request_of(response)

    assert contained_patient(document) == {"resourceType": "Patient", "id": "patient", **expected}
    body = response.content.decode()
    for value in IDENTITY_VALUES:
        assert value not in body, f"{value} comes from the person's records, it was not shared"
    if "name" not in shared:
        assert "display" not in document["subject"]
        assert "for" not in task_of(client.get(task_url(referral)))


@pytest.mark.usefixtures("person_records")
def test_the_api_never_reads_the_persons_records(cast: Cast, partner: Client) -> None:
    referral = example_referral(cast, "ronse")
    with CaptureQueriesContext(connection) as captured:
        service_request_of(partner.get(sr_url(referral)))
        task_of(partner.get(task_url(referral)))
        assert partner.get(reverse("api:fhir_service_requests")).status_code == 200
    tables = " ".join(query["sql"] for query in captured.captured_queries)
    assert "clients_identity" not in tables
    assert "clients_person" not in tables


def test_the_service_request_says_what_was_not_shared(cast: Cast, partner: Client) -> None:
    document = service_request_of(partner.get(sr_url(example_referral(cast, "ronse"))))
    notes = " ".join(note["text"] for note in document["note"])
    assert "Data shared by the sender: Name." in notes
    assert "Not shared:" in notes
    assert "National register number" in notes


def test_searching_answers_valid_paged_bundles(cast: Cast, partner: Client) -> None:
    first = example_referral(cast, "ronse")
    second = make_referral(cast, "ronse", reference="V2000-0102", status=ReferralStatus.ACCEPTED)
    make_referral(cast, "ronse", reference="V2000-0103", draft=True)  # unseen

    response = partner.get(reverse("api:fhir_service_requests"), {"_count": 1})
    assert response.status_code == 200
    assert response["Content-Type"] == FHIR_JSON
    bundle = response.json()
    Bundle.model_validate(bundle)
    assert bundle["type"] == "searchset"
    assert bundle["total"] == 2
    assert len(bundle["entry"]) == 1
    links = {link["relation"]: link["url"] for link in bundle["link"]}
    assert "page=2" in links["next"]
    for entry in bundle["entry"]:
        ServiceRequest.model_validate(entry["resource"])
        assert entry["fullUrl"].endswith(f"/ServiceRequest/{entry['resource']['id']}")

    tasks = partner.get(reverse("api:fhir_tasks"), {"status": "accepted"}).json()
    Bundle.model_validate(tasks)
    assert [entry["resource"]["id"] for entry in tasks["entry"]] == [str(second.pk)]
    for entry in tasks["entry"]:
        Task.model_validate(entry["resource"])

    active = partner.get(reverse("api:fhir_service_requests"), {"status": "active"}).json()
    assert {entry["resource"]["id"] for entry in active["entry"]} == {
        str(first.pk),
        str(second.pk),
    }
    # One read on the record per referral returned.
    assert (
        AccessLogEntry.unscoped.filter(
            object_type="referrals.referral", object_id=str(second.pk), action=Action.READ
        ).count()
        == 3
    )


def test_an_unknown_status_filter_is_a_clear_400(cast: Cast, partner: Client) -> None:
    message = outcome_of(partner.get(reverse("api:fhir_tasks"), {"status": "done"}), 400)
    assert "done" in message
    assert "in-progress" in message


def test_session_workers_on_the_dossier_team_read_and_list_it(
    cast: Cast, client_for: ClientFor
) -> None:
    referral = example_referral(cast, "ronse")
    for role in (Role.SOCIAL_WORKER, Role.CELL_SPECIALIST, Role.RECEPTION):
        client = client_for(cast.user("ronse", role))
        service_request_of(client.get(sr_url(referral)))
        task_of(client.get(task_url(referral)))
        listed = client.get(reverse("api:fhir_service_requests")).json()
        assert str(referral.pk) in {entry["resource"]["id"] for entry in listed["entry"]}, role


# --- Who reaches which referral ----------------------------------------------------------


def test_a_token_reaches_only_its_own_organisations_referrals(cast: Cast, partner: Client) -> None:
    mine = example_referral(cast, "ronse")
    theirs = other_organisation_referral(cast)

    listed = partner.get(reverse("api:fhir_service_requests")).json()
    assert {entry["resource"]["id"] for entry in listed["entry"]} == {str(mine.pk)}
    tasks = partner.get(reverse("api:fhir_tasks")).json()
    assert {entry["resource"]["id"] for entry in tasks["entry"]} == {str(mine.pk)}

    message = outcome_of(partner.get(sr_url(theirs)), 403)
    assert "not sent to your organisation" in message
    outcome_of(partner.get(task_url(theirs)), 403)
    outcome_of(patch(partner, theirs, {"status": "accepted"}), 403)
    theirs.refresh_from_db()
    assert theirs.status == ReferralStatus.SENT
    assert AccessLogEntry.unscoped.filter(
        object_id=str(theirs.pk), result=Result.DENIED, actor=cast.user("ronse", "partner_worker")
    ).exists()


def test_a_token_never_reaches_another_municipality(cast: Cast, partner: Client) -> None:
    kortrijk = example_referral(cast, "kortrijk")
    message = outcome_of(partner.get(sr_url(kortrijk)), 404)
    assert "municipality" in message
    outcome_of(patch(partner, kortrijk, {"status": "accepted"}), 404)
    listed = partner.get(reverse("api:fhir_service_requests")).json()
    assert str(kortrijk.pk) not in {entry["resource"]["id"] for entry in listed.get("entry", [])}


def test_a_worker_who_is_not_on_either_side_gets_a_clear_403(
    cast: Cast, client_for: ClientFor
) -> None:
    theirs = other_organisation_referral(cast)
    # The cast's partner worker in a session: not their organisation either.
    message = outcome_of(
        client_for(cast.user("ronse", Role.PARTNER_WORKER)).get(sr_url(theirs)), 403
    )
    assert "not yours" in message


def test_a_non_numeric_id_is_not_found(cast: Cast, partner: Client) -> None:
    message = outcome_of(partner.get("/api/v1/fhir/ServiceRequest/abc"), 404)
    assert "no referral" in message


def test_a_revoked_or_unknown_token_is_refused_with_401(cast: Cast) -> None:
    secret = make_token(cast)
    token = PartnerToken.objects.get(token_hash=tokens.secret_hash(secret))
    PartnerToken.objects.filter(pk=token.pk).update(revoked_at=token.created_at)
    url = sr_url(example_referral(cast, "ronse"))
    for client in (api_client(secret), api_client("shp_not-a-token")):
        response = client.get(url)
        assert response.status_code == 401
        assert response.json()["detail"]
        assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_bad_token_never_falls_back_to_the_session(cast: Cast, client_for: ClientFor) -> None:
    client = client_for(cast.user("ronse", Role.SOCIAL_WORKER))
    url = sr_url(example_referral(cast, "ronse"))
    assert client.get(url).status_code == 200
    assert client.get(url, headers={"Authorization": "Bearer shp_wrong"}).status_code == 401


def test_a_token_opens_no_page_and_no_other_api(cast: Cast, partner: Client) -> None:
    inbox = partner.get(reverse("referrals:inbox"))
    assert inbox.status_code == 302
    assert "/account/login/" in inbox["Location"]
    assert partner.get(reverse("referrals:tokens")).status_code == 302
    assert partner.get(reverse("api:me")).status_code == 401
    # Public operations stay public.
    assert partner.get(reverse("api:openapi-json")).status_code == 200


def test_a_token_stops_when_its_maker_leaves_the_organisation(cast: Cast) -> None:
    client = api_client(make_token(cast))
    url = sr_url(example_referral(cast, "ronse"))
    assert client.get(url).status_code == 200
    membership = cast.user("ronse", Role.PARTNER_WORKER).memberships.get()
    membership.active = False
    membership.save(update_fields=["active"])
    assert client.get(url).status_code == 401


# --- Answering: PATCH Task --------------------------------------------------------------


def test_a_partner_accepts_through_the_api(cast: Cast, partner: Client) -> None:
    referral = example_referral(cast, "ronse")
    response = patch(
        partner,
        referral,
        {"status": "accepted", "note": [{"text": "We call her this week."}]},
        **{"If-Match": f'W/"{referral.version}"'},
    )
    document = task_of(response)

    assert document["status"] == "accepted"
    assert document["meta"]["versionId"] == str(referral.version + 1)
    assert document["note"][-1]["text"] == "We call her this week."
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED
    update = ReferralUpdate.unscoped.filter(referral=referral).latest("at", "pk")
    assert (update.to_status, update.via_api, update.note) == (
        ReferralStatus.ACCEPTED,
        True,
        "We call her this week.",
    )
    assert TimelineEntry.unscoped.filter(
        dossier=referral.dossier, kind=TimelineKind.FEEDBACK, object_id=str(referral.pk)
    ).exists()
    assert AccessLogEntry.unscoped.filter(
        object_id=str(referral.pk), action=Action.UPDATE, result=Result.ALLOWED
    ).exists()
    service_request = service_request_of(partner.get(sr_url(referral)))
    assert service_request["status"] == "active"


def test_accepting_twice_changes_nothing_the_second_time(cast: Cast, partner: Client) -> None:
    referral = example_referral(cast, "ronse")
    body = {"status": "accepted", "note": [{"text": "Accepted."}]}
    first = task_of(patch(partner, referral, body))
    second = task_of(patch(partner, referral, body))
    assert first == second
    assert (
        ReferralUpdate.unscoped.filter(referral=referral, to_status=ReferralStatus.ACCEPTED).count()
        == 1
    )


def test_an_illegal_step_is_refused_and_changes_nothing(cast: Cast, partner: Client) -> None:
    referral = example_referral(cast, "ronse")
    before = ReferralUpdate.unscoped.filter(referral=referral).count()
    body = {
        "status": "completed",
        "output": [{"type": {"text": "got-help"}, "valueBoolean": True}],
    }
    message = outcome_of(patch(partner, referral, body), 409)
    assert "cannot be given" in message
    referral.refresh_from_db()
    assert (referral.status, referral.version) == (ReferralStatus.SENT, 1)
    assert ReferralUpdate.unscoped.filter(referral=referral).count() == before


def test_a_closed_referral_takes_no_step_and_no_message(cast: Cast, partner: Client) -> None:
    referral = make_referral(cast, "ronse", reference="V2000-0104", status=ReferralStatus.CANCELLED)
    message = outcome_of(patch(partner, referral, {"status": "accepted"}), 409)
    assert "closed" in message
    outcome_of(patch(partner, referral, {"note": [{"text": "Hello?"}]}), 409)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.CANCELLED


def test_declining_needs_a_reason(cast: Cast, partner: Client) -> None:
    referral = example_referral(cast, "ronse")
    response = patch(partner, referral, {"status": "rejected"})
    message = outcome_of(response, 422)
    assert message == "Choose a reason."
    assert response.json()["issue"][0]["expression"] == ["Task.statusReason.coding"]
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT

    reason = {
        "coding": [{"system": fhir.REASON_SYSTEM, "code": "no_capacity"}],
        "text": "Waiting list full until March.",
    }
    document = task_of(patch(partner, referral, {"status": "rejected", "statusReason": reason}))
    assert document["status"] == "rejected"
    assert document["statusReason"]["coding"][0]["code"] == "no_capacity"
    assert document["statusReason"]["text"] == "Waiting list full until March."
    assert service_request_of(partner.get(sr_url(referral)))["status"] == "revoked"


def test_a_reason_of_another_code_system_is_refused(cast: Cast, partner: Client) -> None:
    referral = example_referral(cast, "ronse")
    body = {
        "status": "rejected",
        "statusReason": {"coding": [{"system": "http://example.org/reasons", "code": "full"}]},
    }
    assert fhir.REASON_SYSTEM in outcome_of(patch(partner, referral, body), 422)


def test_completing_records_whether_the_person_got_help(cast: Cast, partner: Client) -> None:
    referral = make_referral(cast, "ronse", reference="V2000-0105", status=ReferralStatus.ACCEPTED)
    body = {
        "status": "completed",
        "output": [
            {"type": {"text": "got-help"}, "valueBoolean": True},
            {"type": {"text": "outcome"}, "valueString": "Payment plan signed."},
        ],
    }
    document = task_of(patch(partner, referral, body))
    assert document["status"] == "completed"
    outputs = {o["type"]["text"]: o for o in document["output"]}
    assert outputs["got-help"]["valueBoolean"] is True
    assert outputs["outcome"]["valueString"] == "Payment plan signed."
    assert "end" in document["executionPeriod"]
    referral.refresh_from_db()
    assert (referral.status, referral.got_help) == (ReferralStatus.COMPLETED, True)
    assert service_request_of(partner.get(sr_url(referral)))["status"] == "completed"


def test_completing_without_saying_whether_help_was_given_is_refused(
    cast: Cast, partner: Client
) -> None:
    referral = make_referral(cast, "ronse", reference="V2000-0106", status=ReferralStatus.ACCEPTED)
    response = patch(partner, referral, {"status": "completed"})
    assert outcome_of(response, 422) == "Say whether the person got help."
    assert response.json()["issue"][0]["expression"] == ["Task.output"]


def test_a_message_without_a_status_is_feedback(cast: Cast, partner: Client) -> None:
    referral = example_referral(cast, "ronse")
    document = task_of(patch(partner, referral, {"note": [{"text": "Left a voicemail."}]}))
    assert document["status"] == "requested"
    assert document["note"][-1]["text"] == "Left a voicemail."
    update = ReferralUpdate.unscoped.filter(referral=referral).latest("at", "pk")
    assert (update.note, update.via_api, update.to_status) == ("Left a voicemail.", True, "")


def test_a_stale_if_match_is_refused(cast: Cast, partner: Client) -> None:
    referral = example_referral(cast, "ronse")
    response = patch(partner, referral, {"status": "accepted"}, **{"If-Match": 'W/"7"'})
    assert "version 1" in outcome_of(response, 412)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"status": "finished"}, 400),
        ({"status": "accepted", "priority": "asap"}, 422),
        ({}, 400),
        ([], 400),
        ({"output": [{"type": {"text": "got-help"}, "valueBoolean": True}]}, 422),
        ({"status": "draft"}, 409),
    ],
)
def test_an_update_we_cannot_use_is_refused_clearly(
    cast: Cast, partner: Client, body: Any, status: int
) -> None:
    referral = example_referral(cast, "ronse")
    outcome_of(patch(partner, referral, body), status)
    referral.refresh_from_db()
    assert (referral.status, referral.version) == (ReferralStatus.SENT, 1)


def test_a_body_that_is_not_json_is_a_400(cast: Cast, partner: Client) -> None:
    referral = example_referral(cast, "ronse")
    response = partner.patch(task_url(referral), data="{status", content_type=FHIR_JSON)
    assert "JSON" in outcome_of(response, 400)


def test_the_sender_cannot_take_the_receivers_step(cast: Cast, client_for: ClientFor) -> None:
    referral = example_referral(cast, "ronse")
    client = client_for(cast.user("ronse", Role.RECEPTION))
    message = outcome_of(patch(client, referral, {"status": "accepted"}), 403)
    assert "receiver" in message


def test_a_session_caller_needs_the_csrf_token_to_write(cast: Cast, client_for: ClientFor) -> None:
    referral = example_referral(cast, "ronse")
    client = client_for(cast.user("ronse", Role.RECEPTION))
    client.handler.enforce_csrf_checks = True
    response = patch(client, referral, {"note": [{"text": "Any news?"}]})
    assert response.status_code == 403
    referral.refresh_from_db()
    assert not ReferralUpdate.unscoped.filter(referral=referral, note="Any news?").exists()


def test_the_sender_posts_a_message_with_the_session(cast: Cast, client_for: ClientFor) -> None:
    referral = example_referral(cast, "ronse")
    client = client_for(cast.user("ronse", Role.RECEPTION))
    document = task_of(patch(client, referral, {"note": [{"text": "Any news?"}]}))
    assert document["note"][-1]["text"] == "Any news?"


def test_the_task_statuses_cover_the_lifecycle() -> None:
    assert set(lifecycle.FHIR_TASK_STATUS.values()) <= TASK_STATUSES
    assert set(fhir.SERVICE_REQUEST_STATUS.values()) <= SERVICE_REQUEST_STATUSES
    assert set(fhir.SERVICE_REQUEST_STATUS) == set(ReferralStatus.values)


def test_a_birth_date_that_cannot_be_read_is_left_out() -> None:
    assert fhir.patient({"birth_date": "1990-02-03"}) == {
        "resourceType": "Patient",
        "id": "patient",
    }
    assert fhir.fhir_date("03/02/1990") == date(1990, 2, 3).isoformat()


def test_the_openapi_document_describes_the_fhir_operations(cast: Cast) -> None:
    document = Client().get(reverse("api:openapi-json")).json()
    paths = document["paths"]
    assert paths["/api/v1/fhir/ServiceRequest"]["get"]["summary"]
    assert paths["/api/v1/fhir/Task/{referral_id}"]["patch"]["requestBody"]
    assert "Task" in paths["/api/v1/fhir/Task/{referral_id}"]["get"]["summary"]


def test_a_draft_cancelled_before_sending_never_reaches_the_partner(
    cast: Cast, partner: Client
) -> None:
    referral = make_referral(
        cast,
        "ronse",
        reference="V2000-0901",
        status=ReferralStatus.CANCELLED,
        sent_at=None,
        purpose="Private: the help question as the desk wrote it down.",
    )
    assert partner.get(sr_url(referral)).status_code in (403, 404)
    assert partner.get(task_url(referral)).status_code in (403, 404)
    listing = partner.get(reverse("api:fhir_tasks") + "?status=cancelled")
    assert referral.reference not in listing.content.decode()


def test_the_same_status_with_new_words_keeps_the_words_as_a_message(
    cast: Cast, partner: Client
) -> None:
    referral = example_referral(cast, "ronse")
    task_of(patch(partner, referral, {"status": "accepted", "note": [{"text": "Accepted."}]}))
    later = {"status": "accepted", "note": [{"text": "First meeting on Tuesday at 10."}]}
    document = task_of(patch(partner, referral, later))
    assert document["note"][-1]["text"] == "First meeting on Tuesday at 10."
    assert ReferralUpdate.unscoped.filter(
        referral=referral, note="First meeting on Tuesday at 10.", to_status=""
    ).exists()


def test_the_same_status_with_another_reason_is_refused_not_ignored(
    cast: Cast, partner: Client
) -> None:
    referral = make_referral(
        cast,
        "ronse",
        reference="V2000-0903",
        status=ReferralStatus.ON_HOLD,
        reason_code=ReasonCode.NO_CAPACITY,
    )
    body = {
        "status": "on-hold",
        "statusReason": {
            "coding": [{"system": fhir.REASON_SYSTEM, "code": "not_reached"}],
            "text": "No answer",
        },
    }
    message = outcome_of(patch(partner, referral, body), 422)
    assert "send a note" in message
    referral.refresh_from_db()
    assert referral.reason_code == ReasonCode.NO_CAPACITY


def test_if_match_is_checked_again_under_the_lock(cast: Cast) -> None:
    """Two partner workers read version 1; the first puts it on hold, the second's
    completion based on version 1 is refused, even though it is allowed from on hold."""
    referral = make_referral(
        cast, "ronse", reference="V2000-0904", status=ReferralStatus.IN_PROGRESS
    )
    worker = cast.user("ronse", Role.PARTNER_WORKER)
    read_by_both = referral.version
    with act_as(worker, cast.ronse):
        services.referral_transition(
            referral,
            actor=worker,
            action=ReferralAction.HOLD,
            reason_code=ReasonCode.NOT_REACHED,
            based_on_version=read_by_both,
        )
        with pytest.raises(EditConflictError):
            services.referral_transition(
                referral,
                actor=worker,
                action=ReferralAction.COMPLETE,
                got_help=True,
                based_on_version=read_by_both,
            )
    assert Referral.unscoped.get(pk=referral.pk).status == ReferralStatus.ON_HOLD
