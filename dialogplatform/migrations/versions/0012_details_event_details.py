"""event details: childcare (with ages), women only, step-free access, hearing loop, accessible toilet

Revision ID: 0012_details
Revises: 0011_outbox
Create Date: 2026-12-02 17:30:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0012_details'
down_revision = '0011_outbox'
branch_labels = None
depends_on = None

FLAGS = ('childcare', 'women_only', 'step_free', 'hearing_loop', 'accessible_toilet')


def upgrade():
    with op.batch_alter_table('event', schema=None) as batch_op:
        for name in FLAGS:
            batch_op.add_column(sa.Column(name, sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('childcare_min_age', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('childcare_max_age', sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_column('childcare_max_age')
        batch_op.drop_column('childcare_min_age')
        for name in reversed(FLAGS):
            batch_op.drop_column(name)
