# The lead image file fields, now that 0010 has made each file a library photo.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0010_lead_images_to_library'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='article',
            name='lead_image',
        ),
        migrations.RemoveField(
            model_name='article',
            name='lead_image_alt',
        ),
        migrations.RemoveField(
            model_name='article',
            name='lead_image_caption',
        ),
        migrations.RemoveField(
            model_name='article',
            name='lead_image_credit',
        ),
        migrations.RemoveField(
            model_name='publication',
            name='lead_image',
        ),
    ]
