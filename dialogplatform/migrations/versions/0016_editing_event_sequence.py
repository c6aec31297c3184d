"""editing: the calendar SEQUENCE of an event (raised when registrants get a changed entry)

Revision ID: 0016_editing
Revises: 0015_report_texts
Create Date: 2026-12-02 18:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0016_editing'
down_revision = '0015_report_texts'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sequence', sa.Integer(), server_default='0', nullable=False))


def downgrade():
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_column('sequence')
