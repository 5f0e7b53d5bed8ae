"""Rendition specs and crop geometry, as pure functions (no Django, no Pillow).

A spec names one rendition: a width, an optional aspect ratio and a format, written
`w640.webp` (the photo's own shape, 640 px wide) or `w1200-16x9.jpeg` (cropped to 16:9
around the focal point, 1200 px wide). Renditions are never enlarged: a spec wider than
what the photo can give yields the largest rendition it can, and `Rendition.width` says
what was made.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .exceptions import InvalidRenditionSpec

FORMATS = {"jpeg": "JPEG", "webp": "WEBP", "avif": "AVIF", "png": "PNG", "gif": "GIF"}
MIME_TYPES = {
    "jpeg": "image/jpeg",
    "webp": "image/webp",
    "avif": "image/avif",
    "png": "image/png",
    "gif": "image/gif",
}
_SPEC = re.compile(
    r"^w(?P<width>[1-9]\d{0,4})(?:-(?P<rw>[1-9]\d?)x(?P<rh>[1-9]\d?))?\.(?P<fmt>[a-z]+)$"
)
_RATIO = re.compile(r"^(?P<w>[1-9]\d?)[:x](?P<h>[1-9]\d?)$")


@dataclass(frozen=True)
class Focal:
    """A focal point as fractions of the width and height (0 is the left or top edge),
    optionally with the size of the area that matters, also as fractions."""

    x: float = 0.5
    y: float = 0.5
    width: float = 0.0
    height: float = 0.0

    @property
    def key(self) -> str:
        """A short stable string naming this focal point (for cache keys)."""
        return f"{self.x:.4f},{self.y:.4f},{self.width:.4f},{self.height:.4f}"


CENTRE = Focal()


@dataclass(frozen=True)
class Spec:
    width: int
    ratio: tuple[int, int] | None
    format: str

    @classmethod
    def parse(cls, text: str) -> Spec:
        """The spec `text` names; raises `InvalidRenditionSpec`."""
        match = _SPEC.match(text)
        if not match or match.group("fmt") not in FORMATS:
            raise InvalidRenditionSpec(
                f"{text!r} is not a rendition spec (w<width>[-<w>x<h>].<jpeg|webp|avif|png|gif>)."
            )
        ratio = (int(match.group("rw")), int(match.group("rh"))) if match.group("rw") else None
        return cls(int(match.group("width")), ratio, match.group("fmt"))

    def __str__(self) -> str:
        shape = f"-{self.ratio[0]}x{self.ratio[1]}" if self.ratio else ""
        return f"w{self.width}{shape}.{self.format}"

    @property
    def mime_type(self) -> str:
        return MIME_TYPES[self.format]

    @property
    def pillow_format(self) -> str:
        return FORMATS[self.format]


def parse_ratio(text: str) -> tuple[int, int]:
    """"16:9" (or "16x9") as (16, 9); raises `InvalidRenditionSpec`."""
    match = _RATIO.match(text.strip())
    if not match:
        raise InvalidRenditionSpec(f"{text!r} is not an aspect ratio such as 16:9.")
    return int(match.group("w")), int(match.group("h"))


def crop_box(
    width: int, height: int, ratio: tuple[int, int] | None, focal: Focal = CENTRE
) -> tuple[float, float, float, float]:
    """The largest (left, top, right, bottom) box of shape `ratio` inside a width x height
    image, centred on the focal point as far as the edges allow. When the focal area fits
    in that box, it lies wholly inside it. Without a ratio, the whole image."""
    if ratio is None:
        return (0.0, 0.0, float(width), float(height))
    target = ratio[0] / ratio[1]
    if width / height > target:
        box_w, box_h = height * target, float(height)
    else:
        box_w, box_h = float(width), width / target
    left = _clamp(focal.x * width - box_w / 2, 0.0, width - box_w)
    top = _clamp(focal.y * height - box_h / 2, 0.0, height - box_h)
    return (left, top, left + box_w, top + box_h)


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(value, high))


def output_size(box: tuple[float, float, float, float], width: int) -> tuple[int, int]:
    """The pixel size of a rendition `width` wide cut from `box`, never larger than the
    box itself (renditions are not enlarged)."""
    box_w, box_h = box[2] - box[0], box[3] - box[1]
    out_w = max(1, min(width, int(box_w)))
    return out_w, max(1, round(out_w * box_h / box_w))


def widths_for(available: int, widths: list[int]) -> list[int]:
    """The srcset widths a photo `available` px wide (in the shape wanted) can fill; one
    width, its own, when it is narrower than all of them."""
    fitting = [w for w in sorted(widths) if w <= available]
    return fitting or [available]
