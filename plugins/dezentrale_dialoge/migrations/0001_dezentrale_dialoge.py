"""dezentrale_dialoge tables: series, stages, sites, meetings and entries

Revision ID: 0001_dezentrale_dialoge
Revises:
Create Date: 2026-11-26 06:35:41.211608

The plugin's own Alembic branch; it needs the core's event, municipality
and user tables.
"""
import sqlalchemy as sa
from alembic import op

import dialogplatform.plugin_api

# revision identifiers, used by Alembic.
revision = '0001_dezentrale_dialoge'
down_revision = None
branch_labels = ('dezentrale_dialoge',)
depends_on = '0003_follow_ups'


def upgrade():
    op.create_table('dezentrale_dialoge_series',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('topics', sa.JSON(), nullable=False),
    sa.Column('published', sa.Boolean(), nullable=False),
    sa.Column('created_at', dialogplatform.plugin_api.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name=op.f('fk_dezentrale_dialoge_series_municipality_id_municipality'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dezentrale_dialoge_series'))
    )
    with op.batch_alter_table('dezentrale_dialoge_series', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dezentrale_dialoge_series_municipality_id'), ['municipality_id'], unique=False)

    op.create_table('dezentrale_dialoge_site',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('address', sa.Text(), nullable=False),
    sa.Column('contact_name', sa.String(length=120), nullable=False),
    sa.Column('contact_phone', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name=op.f('fk_dezentrale_dialoge_site_municipality_id_municipality'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dezentrale_dialoge_site')),
    sa.UniqueConstraint('municipality_id', 'name', name=op.f('uq_dezentrale_dialoge_site_municipality_id'))
    )
    op.create_table('dezentrale_dialoge_stage',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('series_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['series_id'], ['dezentrale_dialoge_series.id'], name=op.f('fk_dezentrale_dialoge_stage_series_id_dezentrale_dialoge_series'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dezentrale_dialoge_stage')),
    sa.UniqueConstraint('series_id', 'name', name=op.f('uq_dezentrale_dialoge_stage_series_id'))
    )
    op.create_table('dezentrale_dialoge_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('topic', sa.String(length=120), nullable=False),
    sa.Column('text', sa.String(length=500), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', dialogplatform.plugin_api.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_dezentrale_dialoge_entry_created_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_dezentrale_dialoge_entry_event_id_event'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dezentrale_dialoge_entry'))
    )
    with op.batch_alter_table('dezentrale_dialoge_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dezentrale_dialoge_entry_created_by_id'), ['created_by_id'], unique=False)
        batch_op.create_index('ix_dezentrale_dialoge_entry_event_topic', ['event_id', 'topic'], unique=False)

    op.create_table('dezentrale_dialoge_meeting',
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('series_id', sa.Integer(), nullable=False),
    sa.Column('stage_id', sa.Integer(), nullable=False),
    sa.Column('site_id', sa.Integer(), nullable=False),
    sa.Column('walk_ins', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_dezentrale_dialoge_meeting_event_id_event'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['series_id'], ['dezentrale_dialoge_series.id'], name=op.f('fk_dezentrale_dialoge_meeting_series_id_dezentrale_dialoge_series'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['site_id'], ['dezentrale_dialoge_site.id'], name=op.f('fk_dezentrale_dialoge_meeting_site_id_dezentrale_dialoge_site')),
    sa.ForeignKeyConstraint(['stage_id'], ['dezentrale_dialoge_stage.id'], name=op.f('fk_dezentrale_dialoge_meeting_stage_id_dezentrale_dialoge_stage')),
    sa.PrimaryKeyConstraint('event_id', name=op.f('pk_dezentrale_dialoge_meeting'))
    )
    with op.batch_alter_table('dezentrale_dialoge_meeting', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dezentrale_dialoge_meeting_series_id'), ['series_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dezentrale_dialoge_meeting_site_id'), ['site_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dezentrale_dialoge_meeting_stage_id'), ['stage_id'], unique=False)


def downgrade():
    with op.batch_alter_table('dezentrale_dialoge_meeting', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dezentrale_dialoge_meeting_stage_id'))
        batch_op.drop_index(batch_op.f('ix_dezentrale_dialoge_meeting_site_id'))
        batch_op.drop_index(batch_op.f('ix_dezentrale_dialoge_meeting_series_id'))

    op.drop_table('dezentrale_dialoge_meeting')
    with op.batch_alter_table('dezentrale_dialoge_entry', schema=None) as batch_op:
        batch_op.drop_index('ix_dezentrale_dialoge_entry_event_topic')
        batch_op.drop_index(batch_op.f('ix_dezentrale_dialoge_entry_created_by_id'))

    op.drop_table('dezentrale_dialoge_entry')
    op.drop_table('dezentrale_dialoge_stage')
    op.drop_table('dezentrale_dialoge_site')
    with op.batch_alter_table('dezentrale_dialoge_series', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dezentrale_dialoge_series_municipality_id'))

    op.drop_table('dezentrale_dialoge_series')
