"""Real image files for the photo tests, made with Pillow: a camera JPEG with GPS EXIF,
IPTC (IIM) wire credits and XMP, and the awkward kinds a newsroom receives (CMYK, 16-bit,
animated, SVG, decompression bombs, files that lie about their type)."""

from __future__ import annotations

import io
import struct

from PIL import ExifTags, Image, ImageDraw
from PIL.TiffImagePlugin import IFDRational

# Where the photographer stood: 33°18'50.17"N 44°21'58.81"E (Baghdad).
GPS_LATITUDE = ((33, 1), (18, 1), (5017, 100))
GPS_LONGITUDE = ((44, 1), (21, 1), (5881, 100))
CAMERA_SERIAL = "SN-4417-RIVERBANK"
CREDIT = "AP Photo/Hadi Mizban"


def picture(size=(1600, 1000), mode="RGB") -> Image.Image:
    """A photo-like picture: a gradient sky, a dark ground and a bright square off-centre
    (at 75% across, 30% down) that crops around a focal point can be checked against."""
    width, height = size
    image = Image.new("RGB", size, (90, 140, 200))
    draw = ImageDraw.Draw(image)
    for y in range(height):
        shade = int(120 + 100 * y / height)
        draw.line([(0, y), (width, y)], fill=(shade // 2, shade // 2 + 20, shade))
    draw.rectangle([0, int(height * 0.6), width, height], fill=(60, 50, 40))
    cx, cy, r = int(width * 0.75), int(height * 0.3), max(4, width // 20)
    draw.rectangle([cx - r, cy - r, cx + r, cy + r], fill=(255, 40, 40))
    return image.convert(mode) if mode != "RGB" else image


def iptc_segment(fields: dict[tuple[int, int], str | bytes], utf8: bool = True) -> bytes:
    """A JPEG APP13 segment with an IPTC IIM block (Photoshop resource 0x0404); bytes
    values are written as they are (another character set)."""
    records = b""
    if utf8:
        records += b"\x1c\x01\x5a\x00\x03\x1b%G"  # 1:90 coded character set: UTF-8
    for (record, dataset), value in fields.items():
        data = value.encode("utf-8") if isinstance(value, str) else value
        records += b"\x1c" + bytes([record, dataset]) + struct.pack(">H", len(data)) + data
    resource = b"8BIM" + struct.pack(">H", 0x0404) + b"\x00\x00" + struct.pack(">I", len(records))
    resource += records + (b"\x00" if len(records) % 2 else b"")
    payload = b"Photoshop 3.0\x00" + resource
    return b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload


WIRE_IPTC = {
    (2, 5): "Iraq Strike",
    (2, 80): "Hadi Mizban",
    (2, 110): "AP",
    (2, 115): "AP",
    (2, 116): "Copyright 2024 The Associated Press. All rights reserved.",
    (2, 120): "Smoke rises after a strike in Baghdad, Iraq, Sunday. (AP Photo/Hadi Mizban)",
    (2, 90): "Baghdad",  # City: location, must not survive
    (2, 101): "Iraq",  # Country
    (2, 55): "20240310",
    (2, 60): "143000+0300",
}


def camera_exif(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Canon"
    exif[ExifTags.Base.Model] = "Canon EOS R5"
    exif[ExifTags.Base.Software] = "Firmware 1.8.1"
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Artist] = "Hadi Mizban"
    exif[ExifTags.IFD.Exif] = {
        ExifTags.Base.DateTimeOriginal: "2024:03:10 14:30:00",
        ExifTags.Base.BodySerialNumber: CAMERA_SERIAL,
    }
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: tuple(IFDRational(*r) for r in GPS_LATITUDE),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: tuple(IFDRational(*r) for r in GPS_LONGITUDE),
    }
    return exif


def wire_jpeg(size=(1600, 1000), *, orientation: int = 1, iptc: dict | None = None, xmp: bytes = b"") -> bytes:
    """A wire photo as a camera and an agency's desk leave it: GPS and serial number in
    EXIF, credit, caption, copyright and the city in IPTC, optionally XMP."""
    out = io.BytesIO()
    picture(size).save(
        out, "JPEG", quality=90, exif=camera_exif(orientation).tobytes(),
        extra=iptc_segment(WIRE_IPTC if iptc is None else iptc), xmp=xmp or None,
        comment=b"Shot from the roof of the safe house",
    )
    return out.getvalue()


def plain(fmt: str, size=(800, 600), mode="RGB", **options) -> bytes:
    out = io.BytesIO()
    picture(size, mode).save(out, fmt, **options)
    return out.getvalue()


def animated_gif(frames: int = 3, size=(200, 120)) -> bytes:
    images = [picture(size).rotate(i * 10) for i in range(frames)]
    out = io.BytesIO()
    images[0].save(out, "GIF", save_all=True, append_images=images[1:], duration=80, loop=0,
                   comment=b"GPS 33.3139 44.3663")
    return out.getvalue()


def sixteen_bit_png(size=(300, 200), value: int = 40000) -> bytes:
    out = io.BytesIO()
    Image.new("I;16", size, value).save(out, "PNG")
    return out.getvalue()


SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'


def gps_markers() -> dict[str, list[bytes]]:
    """What would betray where and with what a photo was taken, by kind, each as the byte
    strings (both TIFF byte orders where it matters) that would show it in a file."""
    markers = {
        # The EXIF GPSInfo IFD pointer tag (0x8825, type LONG).
        "gps ifd": [struct.pack("<HH", 0x8825, 4), struct.pack(">HH", 0x8825, 4)],
        "camera serial": [CAMERA_SERIAL.encode()],
        "camera model": [b"EOS R5"],
        "iptc city": [b"Baghdad"],  # the caption says it too, and is not written to files
        "jpeg comment": [b"safe house"],
    }
    for name, (_degrees, _minutes, seconds) in zip(
        ("latitude", "longitude"), (GPS_LATITUDE, GPS_LONGITUDE), strict=True
    ):
        markers[name] = [struct.pack("<LL", *seconds), struct.pack(">LL", *seconds)]
    return markers


def betrayals(data: bytes) -> list[str]:
    """The kinds of `gps_markers` found in `data`."""
    return [kind for kind, found in gps_markers().items() if any(m in data for m in found)]
