"""Full-text and typo-tolerant search on PostgreSQL (nothing to do on SQLite).

* ``unaccent`` and ``pg_trgm`` (both trusted extensions: the database owner may
  create them).
* Text search configurations ``sh_dutch``, ``sh_french`` and ``sh_english``: the
  built-in ones with ``unaccent`` before the stemmer, so "financiële" and
  "financiele", "aide" and "aidé" meet.
* A GIN index on ``search_vector`` (full text) and a trigram GIN index on
  ``search_text`` (typos and parts of compound words such as "schuldhulpverlening").
"""

from django.db import migrations

CONFIGURATIONS = {"sh_dutch": "dutch", "sh_french": "french", "sh_english": "english"}

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    *(
        f"""
        DO $$ BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{name}') THEN
                CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {base});
                ALTER TEXT SEARCH CONFIGURATION {name}
                    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {base}_stem;
            END IF;
        END $$
        """
        for name, base in CONFIGURATIONS.items()
    ),
    "CREATE INDEX IF NOT EXISTS directory_servicetext_vector_gin "
    "ON directory_servicetext USING gin (search_vector)",
    "CREATE INDEX IF NOT EXISTS directory_servicetext_text_trgm "
    "ON directory_servicetext USING gin (search_text gin_trgm_ops)",
]

BACKWARD = [
    "DROP INDEX IF EXISTS directory_servicetext_text_trgm",
    "DROP INDEX IF EXISTS directory_servicetext_vector_gin",
    *(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}" for name in CONFIGURATIONS),
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_social_map")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
