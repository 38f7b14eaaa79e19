"""Attachments: size and type limits judged by content, stored without names, served checked."""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from sociaalhuis.accounts.models import User
from sociaalhuis.accounts.roles import Role
from sociaalhuis.audit.models import AccessLogEntry, Action
from sociaalhuis.dossiers import filetypes
from sociaalhuis.dossiers.models import Attachment, Dossier
from sociaalhuis.testing import Cast, ClientResponse

ClientFor = Callable[[User], Client]
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media_root(settings: pytest.FixtureRequest, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    return tmp_path


def _upload(
    client: Client, dossier: Dossier, name: str, content: bytes, **extra: str
) -> ClientResponse:
    return client.post(
        f"/dossiers/{dossier.pk}/attachments/",
        {
            "file": SimpleUploadedFile(name, content),
            "confidentiality": "care_team",
            "description": "Letter",
            **extra,
        },
    )


def _office(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_content_decides_the_type_not_the_name() -> None:
    docx = _office({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<w/>"})
    xlsx = _office({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<w/>"})
    odt = _office({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b""})
    cases = {
        PDF: filetypes.PDF,
        b"\xff\xd8\xff\xe0JFIF": filetypes.JPEG,
        b"\x89PNG\r\n\x1a\n....": filetypes.PNG,
        docx: filetypes.DOCX,
        xlsx: filetypes.XLSX,
        odt: filetypes.ODT,
        "Geachte, één brief.".encode(): filetypes.TEXT,
        b"MZ\x90\x00\x03\x00\x00\x00": None,
        _office({"evil.exe": b"MZ"}): None,
    }
    for content, expected in cases.items():
        assert filetypes.sniff(io.BytesIO(content)) == expected


def test_an_attachment_is_stored_under_a_random_name_with_its_checksum(
    dossier: Dossier, manager: User, client_for: ClientFor, media_root: Path
) -> None:
    response = _upload(client_for(manager), dossier, "Huurcontract Mira Example.pdf", PDF)
    assert response.status_code == 302
    attachment = Attachment.unscoped.get(dossier=dossier)
    assert attachment.original_name == "Huurcontract Mira Example.pdf"
    assert attachment.file.name is not None
    assert "Mira" not in attachment.file.name
    assert attachment.file.name.startswith("dossiers/")
    assert attachment.sha256 == hashlib.sha256(PDF).hexdigest()
    assert (media_root / attachment.file.name).read_bytes() == PDF
    assert attachment.content_type == "application/pdf"


def test_an_exe_renamed_pdf_is_refused_and_nothing_is_stored(
    dossier: Dossier, manager: User, client_for: ClientFor, media_root: Path
) -> None:
    response = _upload(client_for(manager), dossier, "invoice.pdf", b"MZ\x90\x00" + b"\x00" * 200)
    assert response.status_code == 400
    assert "not accepted" in response.text
    assert not Attachment.unscoped.filter(dossier=dossier).exists()
    assert not any(media_root.rglob("*"))


def test_a_png_named_pdf_is_refused(dossier: Dossier, manager: User, client_for: ClientFor) -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    assert _upload(client_for(manager), dossier, "scan.pdf", png).status_code == 400


def test_a_file_over_the_size_limit_is_refused(
    dossier: Dossier, manager: User, client_for: ClientFor, settings: pytest.FixtureRequest
) -> None:
    settings.DOSSIER_ATTACHMENT_MAX_BYTES = 1024  # type: ignore[attr-defined]
    response = _upload(client_for(manager), dossier, "big.pdf", PDF + b"0" * 2048)
    assert response.status_code == 400
    assert "MB" in response.text
    assert not Attachment.unscoped.filter(dossier=dossier).exists()


def test_the_download_checks_the_rules_on_every_request(
    cast: Cast, dossier: Dossier, manager: User, colleague: User, client_for: ClientFor
) -> None:
    _upload(client_for(manager), dossier, "letter.pdf", PDF)
    attachment = Attachment.unscoped.get(dossier=dossier)
    url = f"/dossiers/{dossier.pk}/attachments/{attachment.uuid}/"

    response = client_for(cast.user("ronse", Role.CELL_SPECIALIST)).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF  # type: ignore[attr-defined]
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert AccessLogEntry.unscoped.filter(
        object_type="dossiers.attachment", action=Action.READ, person_id=dossier.person_id
    ).exists()

    assert client_for(colleague).get(url).status_code == 403
    assert client_for(cast.user("ronse", Role.RECEPTION)).get(url).status_code == 403
    assert client_for(cast.user("kortrijk", Role.SOCIAL_WORKER)).get(url).status_code == 404


def test_a_manager_only_attachment_is_not_served_to_the_team(
    cast: Cast, dossier: Dossier, manager: User, client_for: ClientFor
) -> None:
    _upload(client_for(manager), dossier, "medical.pdf", PDF, confidentiality="manager")
    attachment = Attachment.unscoped.get(dossier=dossier)
    specialist = client_for(cast.user("ronse", Role.CELL_SPECIALIST))
    assert "medical.pdf" not in specialist.get(f"/dossiers/{dossier.pk}/attachments/").text
    url = f"/dossiers/{dossier.pk}/attachments/{attachment.uuid}/"
    assert specialist.get(url).status_code == 403
    assert client_for(manager).get(url).status_code == 200
