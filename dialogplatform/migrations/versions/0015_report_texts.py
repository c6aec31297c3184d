"""report: the documentation report's introduction, conclusion and a note per step

Revision ID: 0015_report_texts
Revises: 0014_langs
Create Date: 2026-12-02 18:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0015_report_texts'
down_revision = '0014_langs'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('process', schema=None) as batch_op:
        batch_op.add_column(sa.Column('report_introduction', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('report_conclusion', sa.Text(), nullable=False, server_default=''))
    with op.batch_alter_table('process_step', schema=None) as batch_op:
        batch_op.add_column(sa.Column('report_note', sa.Text(), nullable=False, server_default=''))


def downgrade():
    with op.batch_alter_table('process_step', schema=None) as batch_op:
        batch_op.drop_column('report_note')
    with op.batch_alter_table('process', schema=None) as batch_op:
        batch_op.drop_column('report_conclusion')
        batch_op.drop_column('report_introduction')
