"""Municipality logos: raster images only, checked by their content.

An upload is opened with Pillow and accepted only when it really is a PNG,
JPEG or WebP image of sane size; it is stored under the instance folder by
municipality id (never under the uploaded name) and served with its true
image type, ``nosniff`` and a CSP that forbids everything, so it can never
be read as HTML or script. SVG is refused: it can carry scripts.
"""
import io
from pathlib import Path

from flask import current_app
from PIL import Image, UnidentifiedImageError

MAX_BYTES = 512 * 1024
MAX_PIXELS = 2000
FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}


class InvalidLogo(ValueError):
    pass


def _directory() -> Path:
    return Path(current_app.instance_path) / "uploads" / "logos"


def path_for(municipality) -> Path | None:
    for kind in FORMATS:
        candidate = _directory() / f"{municipality.id}.{kind.lower()}"
        if candidate.exists():
            return candidate
    return None


def mimetype_of(path: Path) -> str:
    return FORMATS[path.suffix.lstrip(".").upper()]


def save(municipality, data: bytes) -> None:
    """Check ``data`` and store it as the municipality's logo."""
    if len(data) > MAX_BYTES:
        raise InvalidLogo("too large")
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format
            width, height = image.size
            image.verify()
    except Image.DecompressionBombError as error:  # claims more pixels than Pillow opens at all
        raise InvalidLogo("too many pixels") from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise InvalidLogo("not an image") from error
    if kind not in FORMATS:
        raise InvalidLogo("not an allowed image type")
    if width > MAX_PIXELS or height > MAX_PIXELS:
        raise InvalidLogo("too many pixels")
    remove(municipality)
    _directory().mkdir(parents=True, exist_ok=True)
    (_directory() / f"{municipality.id}.{kind.lower()}").write_bytes(data)


def remove(municipality) -> None:
    existing = path_for(municipality)
    if existing is not None:
        existing.unlink()
