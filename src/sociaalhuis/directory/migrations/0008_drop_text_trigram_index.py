"""The typo path now corrects words against SearchWord (0006); the trigram index on
whole texts from 0003 is no longer used by any query and only slows down writes."""

from django.db import migrations


def _run(statement):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("directory", "0007_search_visibility")]

    operations = [
        migrations.RunPython(
            _run("DROP INDEX IF EXISTS directory_servicetext_text_trgm"),
            _run(
                "CREATE INDEX IF NOT EXISTS directory_servicetext_text_trgm "
                "ON directory_servicetext USING gin (search_text gin_trgm_ops)"
            ),
        )
    ]
