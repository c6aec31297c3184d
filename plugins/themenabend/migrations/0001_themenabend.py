"""themenabend tables: themes and questions of a themed evening

Revision ID: 0001_themenabend
Revises:
Create Date: 2026-11-26 06:20:56.336495

The plugin's own Alembic branch; it needs the core's event table.
"""
import sqlalchemy as sa
from alembic import op

import dialogplatform.plugin_api

# revision identifiers, used by Alembic.
revision = '0001_themenabend'
down_revision = None
branch_labels = ('themenabend',)
depends_on = '0001_core'


def upgrade():
    op.create_table('themenabend_theme',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('created_at', dialogplatform.plugin_api.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_themenabend_theme_event_id_event'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_themenabend_theme')),
    sa.UniqueConstraint('event_id', 'name', name=op.f('uq_themenabend_theme_event_id'))
    )
    op.create_table('themenabend_question',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('theme_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('author_name', sa.String(length=80), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('hidden', sa.Boolean(), nullable=False),
    sa.Column('answer', sa.Text(), nullable=False),
    sa.Column('answered_by', sa.String(length=120), nullable=False),
    sa.Column('answered_at', dialogplatform.plugin_api.UTCDateTime(), nullable=True),
    sa.Column('created_at', dialogplatform.plugin_api.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_themenabend_question_event_id_event'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['theme_id'], ['themenabend_theme.id'], name=op.f('fk_themenabend_question_theme_id_themenabend_theme'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_themenabend_question'))
    )
    with op.batch_alter_table('themenabend_question', schema=None) as batch_op:
        batch_op.create_index('ix_themenabend_question_event_hidden', ['event_id', 'hidden'], unique=False)
        batch_op.create_index(batch_op.f('ix_themenabend_question_theme_id'), ['theme_id'], unique=False)


def downgrade():
    with op.batch_alter_table('themenabend_question', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_themenabend_question_theme_id'))
        batch_op.drop_index('ix_themenabend_question_event_hidden')

    op.drop_table('themenabend_question')
    op.drop_table('themenabend_theme')
