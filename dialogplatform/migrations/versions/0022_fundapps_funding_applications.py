"""fundapps: municipalities' funding applications; the report submitted as Verwendungsnachweis

Revision ID: 0022_fundapps
Revises: 0021_peers
Create Date: 2026-12-03 07:00:00

"""
import sqlalchemy as sa
from alembic import op

import dialogplatform.models.types

# revision identifiers, used by Alembic.
revision = '0022_fundapps'
down_revision = '0021_peers'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'funding_application',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('municipality_id', sa.Integer(), nullable=False),
        sa.Column('programme_id', sa.Integer(), nullable=False),
        sa.Column('process_id', sa.Integer(), nullable=True),
        sa.Column('status', sa.String(length=32), nullable=False),
        sa.Column('amount_requested_eur', sa.Integer(), nullable=True),
        sa.Column('amount_granted_eur', sa.Integer(), nullable=True),
        sa.Column('applied_on', sa.Date(), nullable=True),
        sa.Column('decided_on', sa.Date(), nullable=True),
        sa.Column('documentation_due', sa.Date(), nullable=True),
        sa.Column('documentation_submitted_on', sa.Date(), nullable=True),
        sa.Column('lpb_contact', sa.String(length=200), nullable=False),
        sa.Column('notes', sa.Text(), nullable=False),
        sa.Column('created_at', dialogplatform.models.types.UTCDateTime(), nullable=True),
        sa.Column('updated_at', dialogplatform.models.types.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['process_id'], ['process.id'], ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['programme_id'], ['funding_programme.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('funding_application', schema=None) as batch_op:
        for column in ('municipality_id', 'process_id', 'programme_id'):
            batch_op.create_index(batch_op.f(f'ix_funding_application_{column}'), [column], unique=False)
    with op.batch_alter_table('process', schema=None) as batch_op:
        batch_op.add_column(sa.Column('report_submitted_on', sa.Date(), nullable=True))


def downgrade():
    with op.batch_alter_table('process', schema=None) as batch_op:
        batch_op.drop_column('report_submitted_on')
    with op.batch_alter_table('funding_application', schema=None) as batch_op:
        for column in ('municipality_id', 'process_id', 'programme_id'):
            batch_op.drop_index(batch_op.f(f'ix_funding_application_{column}'))
    op.drop_table('funding_application')
