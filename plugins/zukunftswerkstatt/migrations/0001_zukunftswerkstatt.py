"""zukunftswerkstatt tables: workshop state, themes, cards, dots, measures

Revision ID: 0001_zukunftswerkstatt
Revises:
Create Date: 2026-11-26 06:36:28.791923

"""
import sqlalchemy as sa
from alembic import op

import dialogplatform.plugin_api

# revision identifiers, used by Alembic.
revision = '0001_zukunftswerkstatt'
down_revision = None
branch_labels = ('zukunftswerkstatt',)
depends_on = '0003_follow_ups'


def upgrade():
    op.create_table('zukunftswerkstatt_theme',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_zukunftswerkstatt_theme_event_id_event'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_zukunftswerkstatt_theme')),
    sa.UniqueConstraint('event_id', 'name', name=op.f('uq_zukunftswerkstatt_theme_event_id'))
    )
    op.create_table('zukunftswerkstatt_workshop',
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('phase', sa.String(length=16), nullable=False),
    sa.Column('join_code', sa.String(length=16), nullable=False),
    sa.Column('phase_changed_at', dialogplatform.plugin_api.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_zukunftswerkstatt_workshop_event_id_event'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('event_id', name=op.f('pk_zukunftswerkstatt_workshop'))
    )
    op.create_table('zukunftswerkstatt_card',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('theme_id', sa.Integer(), nullable=False),
    sa.Column('phase', sa.String(length=16), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('translation', sa.Text(), nullable=False),
    sa.Column('translation_language', sa.String(length=8), nullable=False),
    sa.Column('hidden', sa.Boolean(), nullable=False),
    sa.Column('participant_id', sa.String(length=32), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', dialogplatform.plugin_api.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_zukunftswerkstatt_card_created_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_zukunftswerkstatt_card_event_id_event'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['theme_id'], ['zukunftswerkstatt_theme.id'], name=op.f('fk_zukunftswerkstatt_card_theme_id_zukunftswerkstatt_theme'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_zukunftswerkstatt_card'))
    )
    with op.batch_alter_table('zukunftswerkstatt_card', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_zukunftswerkstatt_card_created_by_id'), ['created_by_id'], unique=False)
        batch_op.create_index('ix_zukunftswerkstatt_card_event_phase', ['event_id', 'phase'], unique=False)
        batch_op.create_index(batch_op.f('ix_zukunftswerkstatt_card_theme_id'), ['theme_id'], unique=False)

    op.create_table('zukunftswerkstatt_measure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('theme_id', sa.Integer(), nullable=True),
    sa.Column('card_id', sa.Integer(), nullable=True),
    sa.Column('what', sa.Text(), nullable=False),
    sa.Column('who', sa.String(length=200), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('addressee', sa.String(length=16), nullable=False),
    sa.Column('created_at', dialogplatform.plugin_api.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['card_id'], ['zukunftswerkstatt_card.id'], name=op.f('fk_zukunftswerkstatt_measure_card_id_zukunftswerkstatt_card'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_zukunftswerkstatt_measure_event_id_event'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['theme_id'], ['zukunftswerkstatt_theme.id'], name=op.f('fk_zukunftswerkstatt_measure_theme_id_zukunftswerkstatt_theme'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_zukunftswerkstatt_measure'))
    )
    with op.batch_alter_table('zukunftswerkstatt_measure', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_zukunftswerkstatt_measure_event_id'), ['event_id'], unique=False)

    op.create_table('zukunftswerkstatt_vote',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('card_id', sa.Integer(), nullable=False),
    sa.Column('round', sa.String(length=16), nullable=False),
    sa.Column('participant_id', sa.String(length=32), nullable=True),
    sa.Column('created_at', dialogplatform.plugin_api.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['card_id'], ['zukunftswerkstatt_card.id'], name=op.f('fk_zukunftswerkstatt_vote_card_id_zukunftswerkstatt_card'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_zukunftswerkstatt_vote_event_id_event'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_zukunftswerkstatt_vote'))
    )
    with op.batch_alter_table('zukunftswerkstatt_vote', schema=None) as batch_op:
        batch_op.create_index('ix_zukunftswerkstatt_vote_budget', ['event_id', 'round', 'participant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_zukunftswerkstatt_vote_card_id'), ['card_id'], unique=False)



def downgrade():
    with op.batch_alter_table('zukunftswerkstatt_vote', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_zukunftswerkstatt_vote_card_id'))
        batch_op.drop_index('ix_zukunftswerkstatt_vote_budget')

    op.drop_table('zukunftswerkstatt_vote')
    with op.batch_alter_table('zukunftswerkstatt_measure', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_zukunftswerkstatt_measure_event_id'))

    op.drop_table('zukunftswerkstatt_measure')
    with op.batch_alter_table('zukunftswerkstatt_card', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_zukunftswerkstatt_card_theme_id'))
        batch_op.drop_index('ix_zukunftswerkstatt_card_event_phase')
        batch_op.drop_index(batch_op.f('ix_zukunftswerkstatt_card_created_by_id'))

    op.drop_table('zukunftswerkstatt_card')
    op.drop_table('zukunftswerkstatt_workshop')
    op.drop_table('zukunftswerkstatt_theme')
