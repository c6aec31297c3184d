"""Files a municipality uploads (logo, sign language video): one place that
stores them and serves them safely.

A file is checked by its content before it gets here; it is stored under the
instance folder by municipality id and its true type (never under the
uploaded name), one file per kind and municipality, and served with its
checked type, ``nosniff`` (set for every response) and a CSP that forbids
everything, so it can never be read as HTML or script.
"""
from dataclasses import dataclass
from pathlib import Path

from flask import current_app, send_file


class InvalidUpload(ValueError):
    """The file is refused: wrong type, too large, not what it claims to be."""


@dataclass(frozen=True)
class UploadKind:
    """One kind of upload: its folder and the types it accepts
    (file extension -> MIME type)."""

    folder: str
    types: dict[str, str]

    def directory(self) -> Path:
        return Path(current_app.instance_path) / "uploads" / self.folder

    def path_for(self, municipality) -> Path | None:
        for extension in self.types:
            candidate = self.directory() / f"{municipality.id}.{extension}"
            if candidate.exists():
                return candidate
        return None

    def mimetype_of(self, path: Path) -> str:
        return self.types[path.suffix.lstrip(".")]

    def store(self, municipality, extension: str, data: bytes) -> None:
        """Replace the municipality's file of this kind with ``data`` (checked already)."""
        if extension not in self.types:
            raise InvalidUpload("not an allowed type")
        self.remove(municipality)
        self.directory().mkdir(parents=True, exist_ok=True)
        (self.directory() / f"{municipality.id}.{extension}").write_bytes(data)

    def remove(self, municipality) -> None:
        existing = self.path_for(municipality)
        if existing is not None:
            existing.unlink()

    def response(self, municipality, *, max_age: int = 3600):
        """The stored file as a response (ranges allowed), or None."""
        path = self.path_for(municipality)
        if path is None:
            return None
        response = send_file(path, mimetype=self.mimetype_of(path), max_age=max_age, conditional=True)
        response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
        response.headers["Content-Disposition"] = "inline"
        return response


def read_limited(upload, max_bytes: int) -> bytes:
    """The uploaded file's bytes; InvalidUpload when it is larger than ``max_bytes``."""
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InvalidUpload("too large")
    return data
