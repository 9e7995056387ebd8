# Picture support (issue 16): an activity's sequence of pictograms.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('activities', '0006_activity_sport_picture_support'),
    ]

    operations = [
        migrations.CreateModel(
            name='PictureStep',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveSmallIntegerField(verbose_name='position')),
                ('picture', models.CharField(choices=[('meet', 'We meet'), ('walk', 'We walk'), ('talk', 'We talk'), ('fika', 'We have coffee'), ('look', 'We look around'), ('play', 'We play sport'), ('garden', 'In the garden'), ('bus', 'We take the bus'), ('book', 'At the library'), ('goodbye', 'We say goodbye'), ('time', 'The time'), ('toilet', 'Toilet'), ('rain', 'Bring clothes for rain'), ('free', 'It is free')], max_length=20, verbose_name='picture')),
                ('note', models.CharField(blank=True, help_text='Short, in easy Swedish. For example: By the big stairs.', max_length=80, verbose_name='note')),
                ('activity', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='picture_steps', to='activities.activity')),
            ],
            options={
                'verbose_name': 'picture step',
                'verbose_name_plural': 'picture steps',
                'ordering': ['position', 'id'],
                'constraints': [models.UniqueConstraint(fields=('activity', 'position'), name='picture_step_unique_position')],
            },
        ),
    ]
