# Library photos join the story (phase B of issue 14): the lead photo and this story's
# caption for it; a publication keeps its lead photo and the text of its photos as
# published. The old lead image fields go in 0011, after 0010 has moved their data.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0008_event_public_time_index'),
        ('photos', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='article',
            name='lead_photo',
            field=models.ForeignKey(blank=True, help_text="A photo from the library (the magnifier opens the library's chooser), shown above the story and in shares and search. Its alt text and credit are the library's.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='lead_of_articles', to='photos.photo', verbose_name='lead photo'),
        ),
        migrations.AddField(
            model_name='article',
            name='lead_photo_caption',
            field=models.TextField(blank=True, help_text="Leave empty to use the photo's caption from the library.", verbose_name='caption for this story'),
        ),
        migrations.AddField(
            model_name='publication',
            name='inline_photos',
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.AddField(
            model_name='publication',
            name='lead_photo',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='photos.photo'),
        ),
        migrations.AlterField(
            model_name='publication',
            name='lead_image_alt',
            field=models.CharField(blank=True, max_length=500),
        ),
        migrations.AlterField(
            model_name='publication',
            name='lead_image_credit',
            field=models.CharField(blank=True, max_length=255),
        ),
    ]
