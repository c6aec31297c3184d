"""langs: the privacy text and the imprint per language ({language: text})

An existing text becomes the text of the municipality's default language.
Process rules, step summaries and recommendations keep their text (the
default language) and get the other languages beside it (``*_translations``).

Revision ID: 0014_langs
Revises: 0013_a11y
Create Date: 2026-12-02 17:30:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0014_langs'
down_revision = '0013_a11y'
branch_labels = None
depends_on = None

COLUMNS = ('privacy_text', 'imprint')


def _copy(to_json: bool):
    """Copy every row's texts into the ``*_new`` columns, converted."""
    new_type = sa.JSON if to_json else sa.Text
    old_type = sa.Text if to_json else sa.JSON
    table = sa.table('municipality', sa.column('id', sa.Integer), sa.column('default_language', sa.String),
                     *(sa.column(name, old_type) for name in COLUMNS),
                     *(sa.column(f'{name}_new', new_type) for name in COLUMNS))
    bind = op.get_bind()
    rows = bind.execute(sa.select(table.c.id, table.c.default_language, *(table.c[name] for name in COLUMNS)))
    for row in rows.all():
        language = row.default_language or 'de'
        values = {}
        for name in COLUMNS:
            value = getattr(row, name)
            if to_json:
                values[f'{name}_new'] = {language: value} if (value or '').strip() else {}
            elif isinstance(value, str):  # a plain string written into the JSON column
                values[f'{name}_new'] = value
            else:
                value = value or {}
                values[f'{name}_new'] = value.get(language) or next((t for t in value.values() if t), '')
        bind.execute(table.update().where(table.c.id == row.id).values(**values))


def _swap(to_json: bool):
    new_type = sa.JSON() if to_json else sa.Text()
    with op.batch_alter_table('municipality', schema=None) as batch_op:
        for name in COLUMNS:
            batch_op.add_column(sa.Column(f'{name}_new', new_type, nullable=True))
    _copy(to_json)
    with op.batch_alter_table('municipality', schema=None) as batch_op:
        for name in COLUMNS:
            batch_op.drop_column(name)
            batch_op.alter_column(f'{name}_new', new_column_name=name, existing_type=new_type, nullable=False)


TRANSLATIONS = (('process', 'rules_translations'), ('process_step', 'summary_translations'),
                ('recommendation', 'text_translations'))


def upgrade():
    _swap(to_json=True)
    for table, column in TRANSLATIONS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column(column, sa.JSON(), nullable=True))


def downgrade():
    for table, column in TRANSLATIONS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column(column)
    _swap(to_json=False)
