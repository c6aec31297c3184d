"""registration: a confirmation link of its own (double opt-in)

Revision ID: 0009_signup
Revises: 0008_published
Create Date: 2026-12-02 07:50:00

The personal link no longer confirms anything; sign-ups still pending from
before the upgrade run out with their hold.
"""
import sqlalchemy as sa
from alembic import op

import dialogplatform.models.types

revision = '0009_signup'
down_revision = '0008_published'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('registration', schema=None) as batch_op:
        batch_op.add_column(sa.Column('confirm_nonce', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('confirm_expires_at', dialogplatform.models.types.UTCDateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table('registration', schema=None) as batch_op:
        batch_op.drop_column('confirm_expires_at')
        batch_op.drop_column('confirm_nonce')
