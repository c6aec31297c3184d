"""jobruns: the last run of each cron job; the municipality of each mail

Revision ID: 0024_jobruns
Revises: 0023_totp
Create Date: 2026-12-03 06:50:00

"""
import sqlalchemy as sa
from alembic import op

import dialogplatform.models.types

# revision identifiers, used by Alembic.
revision = '0024_jobruns'
down_revision = '0023_totp'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'job_run',
        sa.Column('name', sa.String(length=40), nullable=False),
        sa.Column('started_at', dialogplatform.models.types.UTCDateTime(), nullable=False),
        sa.Column('finished_at', dialogplatform.models.types.UTCDateTime(), nullable=False),
        sa.Column('ok', sa.Boolean(), nullable=False),
        sa.Column('error', sa.String(length=300), nullable=False),
        sa.PrimaryKeyConstraint('name', name=op.f('pk_job_run')),
    )
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.add_column(sa.Column('municipality_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_outbox_message_municipality_id_municipality'), 'municipality',
                                    ['municipality_id'], ['id'], ondelete='SET NULL')
        batch_op.create_index(batch_op.f('ix_outbox_message_municipality_id'), ['municipality_id'], unique=False)
    # Mails queued before: the municipality of the event they are about.
    outbox = sa.table('outbox_message', sa.column('event_id', sa.Integer), sa.column('municipality_id', sa.Integer))
    event = sa.table('event', sa.column('id', sa.Integer), sa.column('municipality_id', sa.Integer))
    op.execute(outbox.update().where(outbox.c.event_id.is_not(None)).values(
        municipality_id=sa.select(event.c.municipality_id).where(event.c.id == outbox.c.event_id)
        .scalar_subquery()))


def downgrade():
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbox_message_municipality_id'))
        batch_op.drop_constraint(batch_op.f('fk_outbox_message_municipality_id_municipality'), type_='foreignkey')
        batch_op.drop_column('municipality_id')
    op.drop_table('job_run')
