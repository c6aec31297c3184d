"""thementische tables: theme tables, guiding questions, statements, seating

Revision ID: 0001_thementische
Revises:
Create Date: 2026-11-26 06:36:01.036530

The plugin's own Alembic branch; it needs the core's event, registration
and user tables (and the follow-up link on events).
"""
import sqlalchemy as sa
from alembic import op

import dialogplatform.plugin_api

# revision identifiers, used by Alembic.
revision = '0001_thementische'
down_revision = None
branch_labels = ('thementische',)
depends_on = '0003_follow_ups'


def upgrade():
    op.create_table('thementische_question',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.String(length=200), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_thementische_question_event_id_event'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_thementische_question'))
    )
    with op.batch_alter_table('thementische_question', schema=None) as batch_op:
        batch_op.create_index('ix_thementische_question_event', ['event_id', 'position'], unique=False)

    op.create_table('thementische_table',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('theme', sa.String(length=120), nullable=False),
    sa.Column('moderator_id', sa.Integer(), nullable=True),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('seats', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_thementische_table_event_id_event'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['moderator_id'], ['user_account.id'], name=op.f('fk_thementische_table_moderator_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_thementische_table')),
    sa.UniqueConstraint('event_id', 'theme', name='uq_thementische_table_event_theme')
    )
    with op.batch_alter_table('thementische_table', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_thementische_table_moderator_id'), ['moderator_id'], unique=False)

    op.create_table('thementische_assignment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('registration_id', sa.Integer(), nullable=False),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('table_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_thementische_assignment_event_id_event'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['registration_id'], ['registration.id'], name=op.f('fk_thementische_assignment_registration_id_registration'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['table_id'], ['thementische_table.id'], name=op.f('fk_thementische_assignment_table_id_thementische_table'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_thementische_assignment')),
    sa.UniqueConstraint('registration_id', 'round', name='uq_thementische_assignment_registration_round')
    )
    with op.batch_alter_table('thementische_assignment', schema=None) as batch_op:
        batch_op.create_index('ix_thementische_assignment_event_round', ['event_id', 'round'], unique=False)
        batch_op.create_index(batch_op.f('ix_thementische_assignment_table_id'), ['table_id'], unique=False)

    op.create_table('thementische_statement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('table_id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.String(length=500), nullable=False),
    sa.Column('is_idea', sa.Boolean(), nullable=False),
    sa.Column('contact_name', sa.String(length=120), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('follow_up_event_id', sa.Integer(), nullable=True),
    sa.Column('created_at', dialogplatform.plugin_api.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_thementische_statement_event_id_event'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['follow_up_event_id'], ['event.id'], name=op.f('fk_thementische_statement_follow_up_event_id_event'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['question_id'], ['thementische_question.id'], name=op.f('fk_thementische_statement_question_id_thementische_question'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['table_id'], ['thementische_table.id'], name=op.f('fk_thementische_statement_table_id_thementische_table'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_thementische_statement'))
    )
    with op.batch_alter_table('thementische_statement', schema=None) as batch_op:
        batch_op.create_index('ix_thementische_statement_event_idea', ['event_id', 'is_idea'], unique=False)
        batch_op.create_index('ix_thementische_statement_event_table_question', ['event_id', 'table_id', 'question_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_thementische_statement_follow_up_event_id'), ['follow_up_event_id'], unique=False)


def downgrade():
    with op.batch_alter_table('thementische_statement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_thementische_statement_follow_up_event_id'))
        batch_op.drop_index('ix_thementische_statement_event_table_question')
        batch_op.drop_index('ix_thementische_statement_event_idea')

    op.drop_table('thementische_statement')
    with op.batch_alter_table('thementische_assignment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_thementische_assignment_table_id'))
        batch_op.drop_index('ix_thementische_assignment_event_round')

    op.drop_table('thementische_assignment')
    with op.batch_alter_table('thementische_table', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_thementische_table_moderator_id'))

    op.drop_table('thementische_table')
    with op.batch_alter_table('thementische_question', schema=None) as batch_op:
        batch_op.drop_index('ix_thementische_question_event')

    op.drop_table('thementische_question')
