#!/usr/bin/env python
"""How long the photo library takes with a camera-sized photo: a 24-megapixel JPEG.

Usage: python bench/photos.py [--runs 3] [--width 6000 --height 4000]

Generates the photo (a synthetic scene with sensor-like noise, so it compresses like a
real one: several megabytes at quality 90, with GPS EXIF), then times, in-process and
without the database or storage:

- validating it and reading its metadata (`imaging.inspect_upload`),
- making the sanitised original (`imaging.sanitised_original`),
- making every standard rendition (`services.standard_specs`: each srcset width in AVIF,
  WebP and JPEG, the three structured-data crops, the social card, the admin thumbnail),
  the original decoded once as the worker's task does,

each `--runs` times (the median is reported), and the bytes of the original and of the
renditions a phone-sized (640 px) and a desktop-sized (1280 px) reader download.
Prints one JSON object per figure, then a table.
"""

from __future__ import annotations

import argparse
import io
import statistics
import time

import common


def camera_jpeg(width: int, height: int) -> bytes:
    from PIL import ExifTags, Image, ImageDraw, ImageFilter

    grey = Image.effect_noise((width, height), 24).filter(ImageFilter.GaussianBlur(1))
    sky = Image.linear_gradient("L").resize((width, height)).filter(ImageFilter.GaussianBlur(3))
    detail = Image.effect_noise((width // 8, height // 8), 90).resize((width, height))
    scene = Image.merge("RGB", [sky, grey, detail])
    draw = ImageDraw.Draw(scene)
    for i in range(40):  # buildings: edges JPEG has to spend bits on
        x, top = i * width // 40, height // 2 + (i * 37) % (height // 3)
        draw.rectangle([x, top, x + width // 50, height], fill=(60 + i, 50, 40))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Canon"
    exif[ExifTags.Base.Model] = "Canon EOS R6"
    exif[ExifTags.IFD.GPSInfo] = {1: "N", 2: (33.0, 18.0, 50.0), 3: "E", 4: (44.0, 21.0, 58.0)}
    out = io.BytesIO()
    scene.save(out, "JPEG", quality=90, exif=exif.tobytes())
    return out.getvalue()


def timed(function, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--width", type=int, default=6000)
    parser.add_argument("--height", type=int, default=4000)
    args = parser.parse_args()
    common.setup_django(common.database_url())

    from photos import imaging, services
    from photos.models import Photo
    from photos.specs import Spec

    bench = "photos"
    megapixels = args.width * args.height / 1e6
    data = camera_jpeg(args.width, args.height)
    common.emit(bench, "upload size", round(len(data) / 2**20, 2), "MiB", megapixels=megapixels)

    seconds, upload = timed(lambda: imaging.inspect_upload(data), args.runs)
    common.emit(bench, "validate and read metadata", round(seconds, 3), "s")
    seconds, original = timed(
        lambda: imaging.sanitised_original(upload, Photo().rights), args.runs
    )
    common.emit(bench, "sanitised original", round(seconds, 3), "s")
    common.emit(bench, "sanitised original size", round(len(original.data) / 2**20, 2), "MiB")

    photo = Photo(width=original.width, height=original.height)
    specs = [Spec.parse(s) for s in services.standard_specs(photo)]

    def make_all() -> dict:
        scale = imaging.needed_scale((photo.width, photo.height), specs, photo.focal)
        source, size = imaging.open_source(original.data, scale=scale)
        return {str(s): imaging.render(source, size, s, photo.focal, photo.rights) for s in specs}

    seconds, made = timed(make_all, args.runs)
    common.emit(bench, "all renditions", round(seconds, 2), "s", renditions=len(specs))
    seconds, (source, size) = timed(lambda: imaging.open_source(original.data), args.runs)
    common.emit(bench, "decode the original at full size", round(seconds, 2), "s")
    for fmt in ("avif", "webp", "jpeg"):
        subset = [s for s in specs if s.format == fmt]
        seconds, _ = timed(
            lambda subset=subset: [
                imaging.render(source, size, s, photo.focal, photo.rights) for s in subset
            ],
            args.runs,
        )
        common.emit(
            bench, "renditions of one format, from a full-size decode", round(seconds, 2), "s",
            format=fmt, renditions=len(subset),
        )
    for reader, width in (("phone", 640), ("desktop", 1280)):
        for fmt in ("avif", "webp", "jpeg"):
            rendition = made[f"w{width}.{fmt}"]
            common.emit(
                bench, "bytes downloaded", len(rendition.data), "B",
                reader=reader, format=fmt, width=rendition.width,
            )
        common.emit(
            bench, "bytes downloaded", len(data), "B",
            reader=reader, format="upload as is", width=args.width,
        )
    common.emit(bench, "machine", common.machine()["cpu"], "", cpus=common.machine()["cpus"])
    common.print_table(
        f"Photo library, a {megapixels:.0f}-megapixel JPEG (median of {args.runs})"
    )


if __name__ == "__main__":
    main()
