"""The photos app's settings, with defaults; the app never reads os.environ itself.

A host site overrides any of these in its Django settings (all prefixed `PHOTOS_`).
"""

from __future__ import annotations

from django.conf import settings

DEFAULTS = {
    # Uploads: the largest file accepted, in bytes, and the largest image, in pixels
    # (width x height). Pillow's own decompression-bomb limit is set to the pixel limit.
    "PHOTOS_MAX_UPLOAD_BYTES": 50 * 1024 * 1024,
    "PHOTOS_MAX_PIXELS": 100_000_000,
    # An animated GIF, WebP or PNG: at most this many frames (each frame is decoded).
    "PHOTOS_MAX_FRAMES": 300,
    # Formats accepted, by Pillow's format name; those the installed Pillow cannot read
    # are left out at run time (AVIF needs Pillow built with libavif; HEIF needs a plugin
    # such as pillow-heif registered by the host site).
    "PHOTOS_ACCEPTED_FORMATS": ["JPEG", "PNG", "WEBP", "GIF", "AVIF", "HEIF"],
    # Renditions: widths for srcset, output formats in order of preference (the last one
    # is the <img> fallback; AVIF is dropped when Pillow cannot write it).
    "PHOTOS_WIDTHS": [320, 640, 960, 1280, 1920],
    "PHOTOS_FORMATS": ["avif", "webp", "jpeg"],
    # Aspect ratios made at every width and format after upload, besides the photo's own
    # shape ("16:9" for a site whose lead images are all 16:9, say).
    "PHOTOS_RESPONSIVE_RATIOS": [],
    # Structured data (schema.org ImageObject): these ratios, at this width, in JPEG.
    "PHOTOS_STRUCTURED_DATA_RATIOS": ["16:9", "4:3", "1:1"],
    "PHOTOS_STRUCTURED_DATA_WIDTH": 1200,
    # Social cards (og:image): 1200 x 630 is what Facebook, LinkedIn and X recommend.
    "PHOTOS_SOCIAL_CARD": "w1200-40x21.jpeg",
    "PHOTOS_THUMBNAIL": "w240-1x1.jpeg",
    "PHOTOS_PREVIEW": "w960.jpeg",
    # Encoder qualities (0-100); AVIF's scale is lower for the same look.
    "PHOTOS_QUALITY": {"jpeg": 82, "webp": 80, "avif": 60},
    # The stored original of a JPEG is re-encoded at the upload's own quantisation tables
    # when it has them (one generation, near-lossless); this quality otherwise.
    "PHOTOS_ORIGINAL_JPEG_QUALITY": 95,
    # The alias in STORAGES that holds photos and renditions (S3 through django-storages
    # works: only the storage API is used).
    "PHOTOS_STORAGE": "default",
    "PHOTOS_UPLOAD_PREFIX": "photos",
    # Replaced rendition files (new focal point or credits) are deleted this long after,
    # so pages cached with their URLs keep working meanwhile.
    "PHOTOS_STALE_FILE_SECONDS": 2 * 24 * 60 * 60,
    # The cache alias for rendition look-ups (None: no cache).
    "PHOTOS_CACHE": "default",
    "PHOTOS_CACHE_SECONDS": 24 * 60 * 60,
    # Credits that mark a photo as coming from an agency, for the prefilled `source`.
    "PHOTOS_AGENCY_CREDITS": [
        "AP", "Associated Press", "Reuters", "AFP", "Getty Images", "EPA", "Bloomberg",
        "Pool", "Xinhua", "Anadolu", "dpa", "ANSA", "Kyodo", "Yonhap",
    ],
}


def get(name: str):
    """The value of setting `name`, or its default."""
    return getattr(settings, name, DEFAULTS[name])
