"""frauendialog tables: anonymous contributions and designated moderators

Revision ID: 0001_frauendialog
Revises:
Create Date: 2026-11-26 06:35:29.651505

The plugin's own Alembic branch; it needs the core's event and user tables.
"""
import sqlalchemy as sa
from alembic import op

import dialogplatform.plugin_api

# revision identifiers, used by Alembic.
revision = '0001_frauendialog'
down_revision = None
branch_labels = ('frauendialog',)
depends_on = '0003_follow_ups'


def upgrade():
    op.create_table('frauendialog_contribution',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('topic', sa.String(length=120), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_frauendialog_contribution_event_id_event'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_frauendialog_contribution'))
    )
    with op.batch_alter_table('frauendialog_contribution', schema=None) as batch_op:
        batch_op.create_index('ix_frauendialog_contribution_event_topic_kind', ['event_id', 'topic', 'kind'], unique=False)

    op.create_table('frauendialog_designation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', dialogplatform.plugin_api.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_frauendialog_designation_event_id_event'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_frauendialog_designation_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_frauendialog_designation')),
    sa.UniqueConstraint('event_id', 'user_id', name=op.f('uq_frauendialog_designation_event_id'))
    )
    with op.batch_alter_table('frauendialog_designation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_frauendialog_designation_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('frauendialog_designation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_frauendialog_designation_user_id'))

    op.drop_table('frauendialog_designation')
    with op.batch_alter_table('frauendialog_contribution', schema=None) as batch_op:
        batch_op.drop_index('ix_frauendialog_contribution_event_topic_kind')

    op.drop_table('frauendialog_contribution')
