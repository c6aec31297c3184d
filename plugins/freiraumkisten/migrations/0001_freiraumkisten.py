"""freiraumkisten tables: stations, time windows, feedback posts, moderation log

Revision ID: 0001_freiraumkisten
Revises:
Create Date: 2026-11-26 06:37:34.804698

The plugin's own Alembic branch; it needs the core's event and user tables.
"""
import sqlalchemy as sa
from alembic import op

import dialogplatform.plugin_api

# revision identifiers, used by Alembic.
revision = '0001_freiraumkisten'
down_revision = None
branch_labels = ('freiraumkisten',)
depends_on = '0003_follow_ups'


def upgrade():
    op.create_table('freiraumkisten_station',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('address', sa.Text(), nullable=False),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('created_at', dialogplatform.plugin_api.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_freiraumkisten_station_event_id_event'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_freiraumkisten_station')),
    sa.UniqueConstraint('code', name=op.f('uq_freiraumkisten_station_code'))
    )

    with op.batch_alter_table('freiraumkisten_station', schema=None) as batch_op:
        batch_op.create_index('ix_freiraumkisten_station_event_position', ['event_id', 'position'], unique=False)

    op.create_table('freiraumkisten_post',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('station_id', sa.Integer(), nullable=False),
    sa.Column('topic', sa.String(length=120), nullable=False),
    sa.Column('mood', sa.String(length=8), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('source', sa.String(length=8), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('created_at', dialogplatform.plugin_api.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_freiraumkisten_post_event_id_event'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['station_id'], ['freiraumkisten_station.id'], name=op.f('fk_freiraumkisten_post_station_id_freiraumkisten_station'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_freiraumkisten_post'))
    )

    with op.batch_alter_table('freiraumkisten_post', schema=None) as batch_op:
        batch_op.create_index('ix_freiraumkisten_post_event_status', ['event_id', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_freiraumkisten_post_station_id'), ['station_id'], unique=False)

    op.create_table('freiraumkisten_window',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('station_id', sa.Integer(), nullable=False),
    sa.Column('starts_at', dialogplatform.plugin_api.UTCDateTime(), nullable=False),
    sa.Column('ends_at', dialogplatform.plugin_api.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['station_id'], ['freiraumkisten_station.id'], name=op.f('fk_freiraumkisten_window_station_id_freiraumkisten_station'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_freiraumkisten_window'))
    )

    with op.batch_alter_table('freiraumkisten_window', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_freiraumkisten_window_station_id'), ['station_id'], unique=False)

    op.create_table('freiraumkisten_moderation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=12), nullable=False),
    sa.Column('reason', sa.String(length=300), nullable=False),
    sa.Column('moderator_id', sa.Integer(), nullable=True),
    sa.Column('created_at', dialogplatform.plugin_api.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_freiraumkisten_moderation_event_id_event'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['moderator_id'], ['user_account.id'], name=op.f('fk_freiraumkisten_moderation_moderator_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['post_id'], ['freiraumkisten_post.id'], name=op.f('fk_freiraumkisten_moderation_post_id_freiraumkisten_post'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_freiraumkisten_moderation'))
    )

    with op.batch_alter_table('freiraumkisten_moderation', schema=None) as batch_op:
        batch_op.create_index('ix_freiraumkisten_moderation_event_created', ['event_id', 'created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_freiraumkisten_moderation_moderator_id'), ['moderator_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_freiraumkisten_moderation_post_id'), ['post_id'], unique=False)


def downgrade():
    with op.batch_alter_table('freiraumkisten_moderation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_freiraumkisten_moderation_post_id'))
        batch_op.drop_index(batch_op.f('ix_freiraumkisten_moderation_moderator_id'))
        batch_op.drop_index('ix_freiraumkisten_moderation_event_created')

    op.drop_table('freiraumkisten_moderation')

    with op.batch_alter_table('freiraumkisten_window', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_freiraumkisten_window_station_id'))

    op.drop_table('freiraumkisten_window')

    with op.batch_alter_table('freiraumkisten_post', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_freiraumkisten_post_station_id'))
        batch_op.drop_index('ix_freiraumkisten_post_event_status')

    op.drop_table('freiraumkisten_post')

    with op.batch_alter_table('freiraumkisten_station', schema=None) as batch_op:
        batch_op.drop_index('ix_freiraumkisten_station_event_position')

    op.drop_table('freiraumkisten_station')
