from django.apps import AppConfig


class PhotosConfig(AppConfig):
    name = "photos"
    verbose_name = "Photo library"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # At app loading: the receivers import the models, which exist only from now on.
        from PIL import Image

        from . import conf, receivers  # noqa: F401  connects the receivers

        # Pillow's decompression-bomb guard is process-wide; make its limit the library's,
        # so an image past it is refused before a pixel is decoded.
        Image.MAX_IMAGE_PIXELS = conf.get("PHOTOS_MAX_PIXELS")
