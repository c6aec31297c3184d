"""peers: experience reports on finished process steps, messages between municipalities

Revision ID: 0021_peers
Revises: 0020_landinbox
Create Date: 2026-12-03 06:50:00

"""
import sqlalchemy as sa
from alembic import op

from dialogplatform.models.types import UTCDateTime

# revision identifiers, used by Alembic.
revision = '0021_peers'
down_revision = '0020_landinbox'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'experience_report',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('municipality_id', sa.Integer(), nullable=False),
        sa.Column('process_step_id', sa.Integer(), nullable=False),
        sa.Column('format_key', sa.String(length=64), nullable=False),
        sa.Column('topic', sa.String(length=200), nullable=False),
        sa.Column('what_worked', sa.Text(), nullable=False),
        sa.Column('do_differently', sa.Text(), nullable=False),
        sa.Column('contact_id', sa.Integer(), nullable=True),
        sa.Column('contact_consented_at', UTCDateTime(), nullable=True),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('published_at', UTCDateTime(), nullable=True),
        sa.Column('created_at', UTCDateTime(), nullable=True),
        sa.Column('updated_at', UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(['contact_id'], ['user_account.id'],
                                name=op.f('fk_experience_report_contact_id_user_account'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'],
                                name=op.f('fk_experience_report_municipality_id_municipality'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['process_step_id'], ['process_step.id'],
                                name=op.f('fk_experience_report_process_step_id_process_step'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_experience_report')),
        sa.UniqueConstraint('process_step_id', 'format_key', name=op.f('uq_experience_report_process_step_id')),
    )
    with op.batch_alter_table('experience_report', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_experience_report_municipality_id'), ['municipality_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_experience_report_contact_id'), ['contact_id'], unique=False)
        batch_op.create_index('ix_experience_report_status_format_key', ['status', 'format_key'], unique=False)
    op.create_table(
        'peer_message',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('report_id', sa.Integer(), nullable=False),
        sa.Column('sender_id', sa.Integer(), nullable=True),
        sa.Column('sender_municipality_id', sa.Integer(), nullable=False),
        sa.Column('recipient_id', sa.Integer(), nullable=True),
        sa.Column('in_reply_to_id', sa.Integer(), nullable=True),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('created_at', UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(['report_id'], ['experience_report.id'],
                                name=op.f('fk_peer_message_report_id_experience_report'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['sender_id'], ['user_account.id'],
                                name=op.f('fk_peer_message_sender_id_user_account'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['sender_municipality_id'], ['municipality.id'],
                                name=op.f('fk_peer_message_sender_municipality_id_municipality'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['recipient_id'], ['user_account.id'],
                                name=op.f('fk_peer_message_recipient_id_user_account'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['in_reply_to_id'], ['peer_message.id'],
                                name=op.f('fk_peer_message_in_reply_to_id_peer_message'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_peer_message')),
    )
    with op.batch_alter_table('peer_message', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_peer_message_report_id'), ['report_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_peer_message_sender_id'), ['sender_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_peer_message_recipient_id'), ['recipient_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_peer_message_created_at'), ['created_at'], unique=False)


def downgrade():
    op.drop_table('peer_message')
    op.drop_table('experience_report')
