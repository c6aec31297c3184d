"""typing: event templates per municipality (new events start from them)

Revision ID: 0017_typing
Revises: 0016_editing
Create Date: 2026-12-02 18:45:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0017_typing'
down_revision = '0016_editing'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'event_template',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('municipality_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=120), nullable=False),
        sa.Column('format_key', sa.String(length=64), nullable=False),
        sa.Column('data', sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('event_template', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_template_municipality_id'), ['municipality_id'], unique=False)


def downgrade():
    with op.batch_alter_table('event_template', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_template_municipality_id'))
    op.drop_table('event_template')
