"""Every installed format's migrations build exactly the tables its models
describe, named after the format. One test per plugin of the entry-point
group, so a format installed from elsewhere is checked as well."""
from importlib.metadata import entry_points

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from dialogplatform.extensions import db
from dialogplatform.plugin_system.manager import ENTRY_POINT_GROUP

PLUGINS = sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda entry_point: entry_point.name)


def _key_and_tables(entry_point):
    """The plugin's format key and the tables of the models in its package."""
    plugin = entry_point.load()
    package = plugin.__package__ or plugin.__name__
    tables = {mapper.local_table.name for mapper in db.Model.registry.mappers
              if f"{mapper.class_.__module__}.".startswith(f"{package}.")}
    return plugin.format_info().key, tables


@pytest.mark.parametrize("entry_point", PLUGINS, ids=lambda entry_point: entry_point.name)
def test_migrations_match_the_models(app, entry_point):
    key, tables = _key_and_tables(entry_point)

    def of_the_plugin(obj, name, type_, reflected, compare_to):
        table = name if type_ == "table" else obj.table.name
        return table in tables or table.startswith(f"{key}_")

    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_object": of_the_plugin})
        differences = compare_metadata(context, db.metadata)
    assert differences == [], f"{entry_point.value}: migrations and models differ"


@pytest.mark.parametrize("entry_point", PLUGINS, ids=lambda entry_point: entry_point.name)
def test_tables_are_named_after_the_format(app, entry_point):
    key, tables = _key_and_tables(entry_point)
    assert [table for table in sorted(tables) if not table.startswith(f"{key}_")] == []
