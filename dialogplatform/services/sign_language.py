"""A municipality's explanation in German Sign Language (DGS, BITV 2.0 § 4):
a video uploaded to the platform (MP4 or WebM) or a link to one elsewhere.

An upload is accepted only when the browser says it is MP4 or WebM and its
first bytes say so too; storing and serving is the core's upload handling.
"""
from flask import current_app

from .uploads import InvalidUpload, UploadKind, read_limited

VIDEOS = UploadKind("sign-language", {"mp4": "video/mp4", "webm": "video/webm"})
# Request bodies may be this much larger than the video (the form's other fields).
FORM_OVERHEAD = 256 * 1024


def max_bytes() -> int:
    return int(current_app.config["SIGN_LANGUAGE_VIDEO_MAX_MB"]) * 1024 * 1024


def _kind_of(data: bytes) -> str | None:
    """"mp4" or "webm" by the file's first bytes, else None."""
    if data[4:8] == b"ftyp" and data[8:12] != b"qt  ":
        return "mp4"
    if data[:4] == b"\x1a\x45\xdf\xa3" and b"webm" in data[:64]:
        return "webm"
    return None


def save(municipality, upload) -> None:
    """Check the uploaded file and store it as the municipality's video."""
    claimed = (getattr(upload, "mimetype", "") or "").lower()
    data = read_limited(upload, max_bytes())
    kind = _kind_of(data)
    if kind is None or claimed != VIDEOS.types[kind]:
        raise InvalidUpload("not an MP4 or WebM video")
    VIDEOS.store(municipality, kind, data)


def has_upload(municipality) -> bool:
    return VIDEOS.path_for(municipality) is not None


def upload_type(municipality) -> str | None:
    path = VIDEOS.path_for(municipality)
    return None if path is None else VIDEOS.mimetype_of(path)


def remove(municipality) -> None:
    VIDEOS.remove(municipality)


def response(municipality):
    return VIDEOS.response(municipality)
