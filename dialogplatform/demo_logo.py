"""A plain stand-in logo for each demo municipality (its initials on a
coloured square), so the pages and the council report show where a real
logo goes. Drawn with Pillow; a real municipality uploads its own."""
import io

from PIL import Image, ImageDraw, ImageFont

from .services import logos

SIZE = 256
COLOURS = ["#1f4e8c", "#2e6b3a", "#8a3b12", "#5b2a86", "#7a1f3d"]


def initials(name: str) -> str:
    return "".join(part[0] for part in name.replace("-", " ").split()[:2]).upper()


def draw(name: str, colour: str) -> bytes:
    image = Image.new("RGB", (SIZE, SIZE), colour)
    canvas = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=110)
    canvas.text((SIZE / 2, SIZE / 2), initials(name), fill="white", font=font, anchor="mm")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def ensure(municipality, index: int) -> None:
    """Give ``municipality`` the stand-in logo unless it has a logo already."""
    if logos.path_for(municipality) is None:
        logos.save(municipality, draw(municipality.name, COLOURS[index % len(COLOURS)]))
