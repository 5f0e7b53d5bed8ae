"""Photos for the demo stories, drawn with Pillow when the demo is loaded (no network, no
binary files in the repository): a city skyline at dusk with smoke rising, and a guarded
street. Each is a camera-like JPEG with EXIF (including a GPS position) and an IPTC wire
credit, as an agency's photo arrives, so the demo shows the photo library at work: the
credit is read from the file and the location never reaches a reader.

The names in the credits are invented for the demo.
"""

from __future__ import annotations

import io
import random
import struct
from dataclasses import dataclass

from PIL import ExifTags, Image, ImageChops, ImageDraw, ImageFilter
from PIL.TiffImagePlugin import IFDRational

SIZE = (2400, 1600)


@dataclass(frozen=True)
class DemoPhoto:
    file_name: str
    title: str
    caption: str
    credit: str
    alt_text: str
    draw: str  # the name of the function below that draws it


SKYLINE = DemoPhoto(
    "AP24004512345678.jpg",
    "Smoke over eastern Baghdad (demo illustration)",
    "Smoke rises over eastern Baghdad after the strike on Thursday.",
    "AP Photo/Karim Nasser",
    "A column of grey smoke rising above low rooftops and a domed mosque at dusk.",
    "skyline",
)
STREET = DemoPhoto(
    "AP24004598765432.jpg",
    "Security on Palestine Street (demo illustration)",
    "Iraqi security forces close Palestine Street near the site of the strike.",
    "AP Photo/Karim Nasser",
    "An armoured vehicle and concrete barriers blocking a wide city street lined with shops.",
    "street",
)


def _noise(image: Image.Image, rng: random.Random, amount: int = 10) -> Image.Image:
    """Film-like grain, so the JPEG compresses like a photo rather than a drawing."""
    grain = Image.effect_noise(image.size, amount + rng.random()).convert("RGB")
    return ImageChops.add(image, grain, scale=1.0, offset=-128)


def _sky(draw: ImageDraw.ImageDraw, width: int, height: int, top, bottom) -> None:
    for y in range(height):
        t = y / max(1, height - 1)
        colour = tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (width, y)], fill=colour)


def _skyline(rng: random.Random) -> Image.Image:
    width, height = SIZE
    image = Image.new("RGB", SIZE)
    draw = ImageDraw.Draw(image)
    horizon = int(height * 0.68)
    _sky(draw, width, horizon, (52, 66, 104), (232, 156, 96))
    # The smoke: many soft grey puffs drifting right as they rise.
    smoke = Image.new("L", SIZE, 0)
    puff = ImageDraw.Draw(smoke)
    for i in range(160):
        rise = i / 160
        x = int(width * 0.62 + rise * width * 0.18 + rng.gauss(0, 40))
        y = int(horizon - rise * horizon * 0.95)
        r = int(40 + rise * 190 + rng.random() * 40)
        puff.ellipse([x - r, y - r, x + r, y + r], fill=int(235 - rise * 90))
    smoke = smoke.filter(ImageFilter.GaussianBlur(30))
    image.paste(Image.new("RGB", SIZE, (128, 122, 118)), mask=smoke)
    draw = ImageDraw.Draw(image)
    # Rooftops, a dome and a minaret against the sky.
    x = 0
    while x < width:
        w = rng.randint(60, 220)
        top = horizon - rng.randint(30, 190)
        shade = rng.randint(28, 48)
        draw.rectangle([x, top, x + w, height], fill=(shade, shade - 4, shade - 8))
        for wx in range(x + 12, x + w - 12, 28):
            for wy in range(top + 16, horizon, 36):
                if rng.random() < 0.18:
                    draw.rectangle([wx, wy, wx + 10, wy + 14], fill=(236, 190, 110))
        x += w
    cx = int(width * 0.3)
    draw.ellipse([cx - 150, horizon - 330, cx + 150, horizon - 30], fill=(34, 40, 44))
    draw.rectangle([cx - 160, horizon - 180, cx + 160, height], fill=(34, 40, 44))
    draw.rectangle([cx + 230, horizon - 520, cx + 262, height], fill=(30, 34, 38))
    draw.polygon([(cx + 222, horizon - 520), (cx + 270, horizon - 520), (cx + 246, horizon - 590)],
                 fill=(30, 34, 38))
    draw.rectangle([0, int(height * 0.9), width, height], fill=(22, 22, 24))
    return _noise(image.filter(ImageFilter.GaussianBlur(1.2)), rng)


def _street(rng: random.Random) -> Image.Image:
    """A street in one-point perspective: shopfronts on both sides, concrete barriers
    across the road, an armoured vehicle."""
    width, height = SIZE
    image = Image.new("RGB", SIZE)
    draw = ImageDraw.Draw(image)
    vx, vy = int(width * 0.5), int(height * 0.45)
    _sky(draw, width, vy + 40, (150, 178, 208), (226, 222, 208))
    draw.rectangle([0, vy, width, height], fill=(128, 122, 112))  # pavements
    draw.polygon([(vx - 30, vy), (vx + 30, vy), (int(width * 0.86), height),
                  (int(width * 0.14), height)], fill=(78, 78, 82))  # the road
    for i in range(12):  # lane markings, shorter as they recede
        t0, t1 = 1 - 0.78 ** i, 1 - 0.78 ** (i + 0.45)
        y0, y1 = height - (height - vy) * t0, height - (height - vy) * t1
        half0, half1 = 10 * (1 - t0) + 1, 10 * (1 - t1) + 1
        draw.polygon([(vx - half0, y0), (vx + half0, y0), (vx + half1, y1), (vx - half1, y1)],
                     fill=(214, 206, 170))
    for side in (-1, 1):
        _facades(draw, rng, side, (vx, vy))
    _barriers(draw, (vx, vy))
    _vehicle(draw, int(width * 0.64), int(height * 0.78))
    return _noise(image.filter(ImageFilter.GaussianBlur(1.4)), rng)


def _facades(draw: ImageDraw.ImageDraw, rng: random.Random, side: int, vanish) -> None:
    width, height = SIZE
    vx, vy = vanish
    edge = 0 if side < 0 else width
    near_top, near_bottom = (edge, -40), (edge, int(height * 0.82))
    far_top, far_bottom = (vx + side * 150, vy - 150), (vx + side * 150, vy + 25)

    def at(t: float, v: float) -> tuple[float, float]:
        bottom = [a + (b - a) * t for a, b in zip(near_bottom, far_bottom, strict=True)]
        top = [a + (b - a) * t for a, b in zip(near_top, far_top, strict=True)]
        return (bottom[0] + (top[0] - bottom[0]) * v, bottom[1] + (top[1] - bottom[1]) * v)

    for i in range(14):
        t0, t1 = 1 - 0.8 ** i, 1 - 0.8 ** (i + 1)
        stone = rng.randint(150, 205)
        colour = (stone, stone - rng.randint(12, 30), stone - rng.randint(35, 60))
        draw.polygon([at(t0, 0), at(t0, 1), at(t1, 1), at(t1, 0)], fill=colour)
        draw.line([at(t1, 0), at(t1, 1)], fill=(90, 84, 74), width=3)
        sign = tuple(rng.choice([(160, 40, 36), (30, 90, 140), (40, 110, 70), (220, 180, 60)]))
        draw.polygon([at(t0 + (t1 - t0) * .1, .36), at(t0 + (t1 - t0) * .1, .44),
                      at(t1 - (t1 - t0) * .1, .44), at(t1 - (t1 - t0) * .1, .36)], fill=sign)
        draw.polygon([at(t0 + (t1 - t0) * .15, 0), at(t0 + (t1 - t0) * .15, .3),
                      at(t1 - (t1 - t0) * .15, .3), at(t1 - (t1 - t0) * .15, 0)], fill=(44, 46, 50))
        for row in (.55, .72, .88):
            for a, b in ((.15, .4), (.6, .85)):
                draw.polygon([at(t0 + (t1 - t0) * a, row), at(t0 + (t1 - t0) * a, row + .09),
                              at(t0 + (t1 - t0) * b, row + .09), at(t0 + (t1 - t0) * b, row)],
                             fill=(70, 84, 96))


def _barriers(draw: ImageDraw.ImageDraw, vanish) -> None:
    width, height = SIZE
    top, bottom = int(height * 0.66), int(height * 0.74)
    for i in range(6):
        x = int(width * 0.2) + i * 270
        draw.polygon([(x, bottom), (x + 230, bottom), (x + 215, top), (x + 15, top)],
                     fill=(188, 184, 176))
        draw.line([(x, bottom), (x + 230, bottom)], fill=(120, 116, 108), width=6)


def _vehicle(draw: ImageDraw.ImageDraw, x: int, y: int) -> None:
    """An armoured vehicle, its rear wheels on the ground at (x, y)."""
    olive, dark = (86, 94, 66), (58, 64, 46)
    hull = [(-330, -60), (300, -60), (330, -250), (150, -330), (-300, -330), (-340, -200)]
    draw.polygon([(x + dx, y + dy) for dx, dy in hull], fill=olive)
    draw.rectangle([x - 120, y - 430, x + 90, y - 330], fill=dark)  # turret
    draw.rectangle([x + 80, y - 400, x + 300, y - 380], fill=dark)  # gun
    draw.rectangle([x + 150, y - 300, x + 290, y - 240], fill=(40, 52, 60))  # window
    for wheel in (-250, -20, 210):
        cx = x + wheel
        draw.ellipse([cx - 70, y - 130, cx + 70, y + 10], fill=(24, 24, 24))
        draw.ellipse([cx - 28, y - 88, cx + 28, y - 32], fill=(70, 70, 70))


def _exif() -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Canon"
    exif[ExifTags.Base.Model] = "Canon EOS R3"
    exif[ExifTags.IFD.GPSInfo] = {  # Baghdad: the library removes it before any reader sees it
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (IFDRational(33), IFDRational(19), IFDRational(3012, 100)),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (IFDRational(44), IFDRational(25), IFDRational(1188, 100)),
    }
    return exif.tobytes()


def _iptc(photo: DemoPhoto) -> bytes:
    """An APP13 segment with the IPTC fields an agency fills in."""
    fields = {
        (2, 5): photo.title,
        (2, 80): photo.credit.split("/", 1)[-1],
        (2, 110): "AP",
        (2, 115): "AP",
        (2, 116): "Copyright 2024 The Associated Press. All rights reserved. (Demo illustration.)",
        (2, 120): f"{photo.caption} ({photo.credit})",
    }
    records = b"\x1c\x01\x5a\x00\x03\x1b%G"  # 1:90, UTF-8
    for (record, dataset), value in fields.items():
        data = value.encode()
        records += b"\x1c" + bytes([record, dataset]) + struct.pack(">H", len(data)) + data
    block = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(records)) + records
    block += b"\x00" if len(records) % 2 else b""
    payload = b"Photoshop 3.0\x00" + block
    return b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload


def jpeg(photo: DemoPhoto) -> bytes:
    """The camera file of `photo`, the same bytes every time (so loading the demo twice
    finds the same library photo)."""
    rng = random.Random(photo.file_name)
    image = {"skyline": _skyline, "street": _street}[photo.draw](rng)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88, exif=_exif(), extra=_iptc(photo))
    return out.getvalue()
