"""Municipality logos: raster images only, checked by their content.

An upload is opened with Pillow and accepted only when it really is a PNG,
JPEG or WebP image of sane size; storing and serving is the core's upload
handling (services/uploads). SVG is refused: it can carry scripts.
"""
import io

from PIL import Image, UnidentifiedImageError

from .uploads import InvalidUpload, UploadKind

MAX_BYTES = 512 * 1024
MAX_PIXELS = 2000
FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}
LOGOS = UploadKind("logos", {kind.lower(): mimetype for kind, mimetype in FORMATS.items()})

InvalidLogo = InvalidUpload


def path_for(municipality):
    return LOGOS.path_for(municipality)


def response(municipality):
    return LOGOS.response(municipality)


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
    LOGOS.store(municipality, kind.lower(), data)


def remove(municipality) -> None:
    LOGOS.remove(municipality)
