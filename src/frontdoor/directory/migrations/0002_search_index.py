"""The full-text index beside directory_service: FTS5 on SQLite, tsvector + GIN on PostgreSQL."""

from django.db import migrations


def create(apps, schema_editor):
    from frontdoor.directory.search import create_index_sql

    for sql in create_index_sql(schema_editor.connection.vendor):
        schema_editor.execute(sql)


def drop(apps, schema_editor):
    from frontdoor.directory.search import drop_index_sql

    for sql in drop_index_sql(schema_editor.connection.vendor):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
