"""landinbox: the Land's answers to recommendations, Land invitations

Revision ID: 0020_landinbox
Revises: 0018_land
Create Date: 2026-12-03 07:00:00

An invitation to the Land role belongs to no municipality; it names the
body the person answers for (published with each answer, never a person's
name). A history entry records whether the Land wrote it, for which body,
and to which ministry it was forwarded.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0020_landinbox'
down_revision = '0018_land'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('invitation', schema=None) as batch_op:
        batch_op.alter_column('municipality_id', existing_type=sa.Integer(), nullable=True)
        batch_op.add_column(sa.Column('land_body', sa.String(length=200), nullable=False, server_default=''))
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('land_body', sa.String(length=200), nullable=False, server_default=''))
    with op.batch_alter_table('recommendation_update', schema=None) as batch_op:
        batch_op.add_column(sa.Column('by_land', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('answered_by', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('forwarded_to', sa.String(length=200), nullable=False, server_default=''))


def downgrade():
    with op.batch_alter_table('recommendation_update', schema=None) as batch_op:
        batch_op.drop_column('forwarded_to')
        batch_op.drop_column('answered_by')
        batch_op.drop_column('by_land')
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.drop_column('land_body')
    op.execute("DELETE FROM invitation WHERE municipality_id IS NULL")
    with op.batch_alter_table('invitation', schema=None) as batch_op:
        batch_op.drop_column('land_body')
        batch_op.alter_column('municipality_id', existing_type=sa.Integer(), nullable=False)
