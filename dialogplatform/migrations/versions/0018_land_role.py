"""land: the Land role, held on the instance (ministry desk, LpB, Beirat)

Revision ID: 0018_land
Revises: 0017_typing
Create Date: 2026-12-03 06:45:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0018_land'
down_revision = '0017_typing'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('is_land_staff', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))


def downgrade():
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.drop_column('is_land_staff')
