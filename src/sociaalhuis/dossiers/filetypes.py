"""Which files a dossier accepts, judged by their content rather than their name.

A name is whatever the uploader typed; an ``.exe`` renamed ``.pdf`` must not pass. Each
accepted type is recognised by its first bytes (its "magic number"); the office formats
are ZIP archives told apart by the parts they contain. The extension must agree with
what the content turned out to be.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import IO


@dataclass(frozen=True)
class FileType:
    extensions: tuple[str, ...]
    content_type: str


PDF = FileType(("pdf",), "application/pdf")
JPEG = FileType(("jpg", "jpeg"), "image/jpeg")
PNG = FileType(("png",), "image/png")
DOCX = FileType(
    ("docx",), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)
XLSX = FileType(("xlsx",), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
ODT = FileType(("odt",), "application/vnd.oasis.opendocument.text")
TEXT = FileType(("txt",), "text/plain")

ACCEPTED = (PDF, JPEG, PNG, DOCX, XLSX, ODT, TEXT)
ACCEPTED_EXTENSIONS = tuple(extension for kind in ACCEPTED for extension in kind.extensions)

_ZIP_MAGIC = b"PK\x03\x04"
_SNIFF_BYTES = 8192


def _zip_kind(stream: IO[bytes]) -> FileType | None:
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
            if (
                "mimetype" in names
                and archive.read("mimetype").strip() == ODT.content_type.encode()
            ):
                return ODT
            if "[Content_Types].xml" in names:
                if any(name.startswith("word/") for name in names):
                    return DOCX
                if any(name.startswith("xl/") for name in names):
                    return XLSX
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError):
        return None
    return None


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut off at the end of the sample is still text.
        return error.start >= len(head) - 3
    return True


def sniff(stream: IO[bytes]) -> FileType | None:
    """The accepted type this content is, or None."""
    stream.seek(0)
    head = stream.read(_SNIFF_BYTES)
    stream.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(_ZIP_MAGIC):
        return _zip_kind(stream if stream.seekable() else io.BytesIO(stream.read()))
    if head and _is_text(head):
        return TEXT
    return None


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""
