"""frauendialog: a moderator can hide a contribution's text

Revision ID: 0002_frauendialog
Revises: 0001_frauendialog
Create Date: 2026-12-02 08:00:00

A hidden contribution still counts in the evaluation; its text is shown to nobody.
"""
import sqlalchemy as sa
from alembic import op

revision = '0002_frauendialog'
down_revision = '0001_frauendialog'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('frauendialog_contribution', schema=None) as batch_op:
        batch_op.add_column(sa.Column('hidden', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table('frauendialog_contribution', schema=None) as batch_op:
        batch_op.drop_column('hidden')
