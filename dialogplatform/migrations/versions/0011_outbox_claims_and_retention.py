"""outbox: claims with a lease, a fixed Message-ID, the event a mail is about

Revision ID: 0011_outbox
Revises: 0010_accounts
Create Date: 2026-12-02 08:00:00

"""
import sqlalchemy as sa
from alembic import op

import dialogplatform.models.types

# revision identifiers, used by Alembic.
revision = '0011_outbox'
down_revision = '0010_accounts'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.add_column(sa.Column('message_id', sa.String(length=255), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('event_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('state', sa.String(length=16), nullable=False, server_default='pending'))
        batch_op.add_column(sa.Column('claim_token', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('claimed_until', dialogplatform.models.types.UTCDateTime(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_outbox_message_event_id_event'), 'event', ['event_id'], ['id'],
                                    ondelete='SET NULL')
        batch_op.create_index(batch_op.f('ix_outbox_message_event_id'), ['event_id'], unique=False)
        batch_op.create_index('ix_outbox_message_state_next_attempt_at', ['state', 'next_attempt_at'], unique=False)
    outbox = sa.table('outbox_message', sa.column('id', sa.Integer), sa.column('state', sa.String),
                      sa.column('message_id', sa.String), sa.column('sent_at'), sa.column('failed_at'))
    op.execute(outbox.update().where(outbox.c.sent_at.is_not(None)).values(state='sent'))
    op.execute(outbox.update().where(outbox.c.sent_at.is_(None), outbox.c.failed_at.is_not(None))
               .values(state='failed'))
    # Mails queued before this revision get a Message-ID of their own too.
    op.execute(outbox.update().values(
        message_id=sa.literal('<outbox-') + sa.cast(outbox.c.id, sa.String) + sa.literal('@dialogplattform>')))


def downgrade():
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_message_state_next_attempt_at')
        batch_op.drop_index(batch_op.f('ix_outbox_message_event_id'))
        batch_op.drop_constraint(batch_op.f('fk_outbox_message_event_id_event'), type_='foreignkey')
        batch_op.drop_column('claimed_until')
        batch_op.drop_column('claim_token')
        batch_op.drop_column('state')
        batch_op.drop_column('event_id')
        batch_op.drop_column('message_id')
