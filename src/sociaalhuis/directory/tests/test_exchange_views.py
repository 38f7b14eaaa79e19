"""An administrator downloads the map, uploads a file and follows the import."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from sociaalhuis.accounts.models import User
from sociaalhuis.core import tenancy
from sociaalhuis.directory.hsds import export, jobs
from sociaalhuis.directory.hsds import views as exchange
from sociaalhuis.directory.models import ImportJob, Service
from sociaalhuis.directory.tests.hsds_support import RonseMap, ronse_map, wipe_map
from sociaalhuis.testing import Cast

__all__ = ["ronse_map"]


ClientFor = Callable[[User], Client]


@pytest.fixture(autouse=True)
def uploads(settings: Any, tmp_path: Path) -> Iterator[Path]:
    settings.MEDIA_ROOT = tmp_path
    yield tmp_path
    cache.clear()


@pytest.fixture
def admin(cast: Cast, client_for: ClientFor) -> Client:
    return client_for(cast.user("ronse", "municipality_admin"))


def _upload(admin: Client, content: bytes, name: str = "kaart.json") -> Any:
    return admin.post(reverse("directory:import"), {"file": SimpleUploadedFile(name, content)})


def _job_page(admin: Client) -> str:
    return admin.get(reverse("directory:import_job", args=[_job().uuid])).content.decode()


def _job() -> ImportJob:
    return ImportJob.unscoped.latest("created_at")


def test_the_page_offers_downloads_and_an_upload_form(admin: Client) -> None:
    page = admin.get(reverse("directory:exchange")).content.decode()
    assert reverse("directory:export", args=["zip"]) in page
    assert 'enctype="multipart/form-data"' in page


@pytest.mark.parametrize(
    ("format", "kind"), [("json", "application/json"), ("zip", "application/zip")]
)
def test_the_export_is_an_attachment(
    admin: Client, ronse_map: RonseMap, format: str, kind: str
) -> None:
    response = admin.get(reverse("directory:export", args=[format]), {"lang": "fr"})
    assert (response["Content-Type"], response["Content-Disposition"]) == (
        kind,
        f'attachment; filename="sociaal-huis-ronse-hsds-fr.{format}"',
    )


def test_the_json_export_is_the_map_document(
    admin: Client, cast: Cast, ronse_map: RonseMap
) -> None:
    response = admin.get(reverse("directory:export", args=["json"]))
    assert response.content == export.export_json(cast.ronse)


def test_the_zip_export_is_the_datapackage(admin: Client, ronse_map: RonseMap) -> None:
    response = admin.get(reverse("directory:export", args=["zip"]))
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert "datapackage.json" in archive.namelist()


def test_an_unknown_format_is_not_found(admin: Client) -> None:
    assert admin.get(reverse("directory:export", args=["xml"])).status_code == 404


def test_an_upload_is_imported_and_the_job_page_shows_the_result(
    admin: Client,
    cast: Cast,
    ronse_map: RonseMap,
    django_capture_on_commit_callbacks: Any,
) -> None:
    data = export.export_json(cast.ronse)
    wipe_map(cast, ronse_map)
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(admin, data)
    assert response["Location"] == reverse("directory:import_job", args=[_job().uuid])
    assert _job().status == ImportJob.Status.SUCCEEDED
    assert Service.objects.filter(uuid=ronse_map.full.uuid).exists()


def test_the_finished_job_page_shows_the_summary_and_stops_polling(
    admin: Client,
    cast: Cast,
    ronse_map: RonseMap,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _upload(admin, export.export_json(cast.ronse))
    page = _job_page(admin)
    assert 'value="100"' in page
    assert "hx-trigger" not in page


def test_an_invalid_file_imports_nothing_and_the_page_lists_each_problem(
    admin: Client,
    cast: Cast,
    ronse_map: RonseMap,
    django_capture_on_commit_callbacks: Any,
) -> None:
    document = json.loads(export.export_json(cast.ronse))
    document["services"][0]["email"] = "no address"
    wipe_map(cast, ronse_map)
    with django_capture_on_commit_callbacks(execute=True):
        _upload(admin, json.dumps(document).encode())
    page = _job_page(admin)
    assert _job().status == ImportJob.Status.FAILED
    assert "<td>services</td><td>1</td><td>email</td>" in page
    assert not Service.objects.filter(uuid=ronse_map.full.uuid).exists()


def test_a_file_that_is_no_hsds_gets_one_clear_message(
    admin: Client, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _upload(admin, b"\x89PNG not a map", name="foto.png")
    assert [error["file"] for error in _job().errors] == ["foto.png"]


def test_a_file_larger_than_the_limit_is_refused(
    admin: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exchange, "MAX_UPLOAD_BYTES", 10)
    response = _upload(admin, b'{"services": []}')
    assert response.status_code == 400
    assert not ImportJob.unscoped.exists()


def test_the_uploaded_file_is_removed_after_the_import(
    admin: Client, uploads: Path, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _upload(admin, b'{"services": []}')
    assert list((uploads / "imports").iterdir()) == []


def _running_job(cast: Cast) -> ImportJob:
    with tenancy.for_municipality(cast.ronse.pk):
        job = ImportJob.objects.create(filename="kaart.zip", status=ImportJob.Status.RUNNING)
    cache.set(jobs.progress_key(str(job.uuid)), (3, 4))
    return job


def test_a_running_job_shows_progress_from_the_cache_and_polls(admin: Client, cast: Cast) -> None:
    job = _running_job(cast)
    page = admin.get(reverse("directory:import_job", args=[job.uuid])).content.decode()
    assert '<progress id="import-progress" max="100" value="75">75%</progress>' in page
    assert 'hx-trigger="every 1s"' in page


def test_polling_gets_the_progress_fragment_only(admin: Client, cast: Cast) -> None:
    job = _running_job(cast)
    response = admin.get(reverse("directory:import_job", args=[job.uuid]), HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="import-job"')
    assert "<html" not in page


def test_without_javascript_the_running_job_page_offers_a_refresh_link(
    admin: Client, cast: Cast
) -> None:
    job = _running_job(cast)
    page = admin.get(reverse("directory:import_job", args=[job.uuid])).content.decode()
    assert f'href="{reverse("directory:import_job", args=[job.uuid])}"' in page


def test_another_municipalitys_job_is_not_found(cast: Cast, client_for: ClientFor) -> None:
    job = _running_job(cast)
    kortrijk = client_for(cast.user("kortrijk", "municipality_admin"))
    assert kortrijk.get(reverse("directory:import_job", args=[job.uuid])).status_code == 404


@pytest.mark.parametrize("role", ["reception", "social_worker", "partner_worker", "dpo"])
def test_only_an_administrator_may_import_or_export(
    cast: Cast, client_for: ClientFor, role: str
) -> None:
    other = client_for(cast.user("ronse", role))
    assert other.get(reverse("directory:export", args=["json"])).status_code == 403
    assert other.post(reverse("directory:import")).status_code == 403
