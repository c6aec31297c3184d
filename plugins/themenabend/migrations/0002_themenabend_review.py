"""themenabend: questions awaiting review before they go public

Revision ID: 0002_themenabend_review
Revises: 0001_themenabend
"""
import sqlalchemy as sa
from alembic import op

revision = '0002_themenabend_review'
down_revision = '0001_themenabend'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('themenabend_question') as batch_op:
        batch_op.add_column(sa.Column('awaiting_review', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table('themenabend_question') as batch_op:
        batch_op.drop_column('awaiting_review')
