"""mailref: a mail about a sign-up is queued as a reference and rendered by the sender

Revision ID: 0026_mailref
Revises: 0025_sso
Create Date: 2026-12-03 13:40:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0026_mailref'
down_revision = '0025_sso'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.add_column(sa.Column('template', sa.String(length=64), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('language', sa.String(length=16), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('registration_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('params', sa.JSON(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_outbox_message_registration_id_registration'), 'registration',
                                    ['registration_id'], ['id'], ondelete='SET NULL')
        batch_op.create_index(batch_op.f('ix_outbox_message_registration_id'), ['registration_id'], unique=False)


def downgrade():
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbox_message_registration_id'))
        batch_op.drop_constraint(batch_op.f('fk_outbox_message_registration_id_registration'), type_='foreignkey')
        batch_op.drop_column('params')
        batch_op.drop_column('registration_id')
        batch_op.drop_column('language')
        batch_op.drop_column('template')
