"""sso: a municipality's own OpenID Connect provider; provider identities of accounts

Revision ID: 0025_sso
Revises: 0024_jobruns
Create Date: 2026-12-03 07:05:00

"""
import sqlalchemy as sa
from alembic import op

from dialogplatform.models.types import UTCDateTime

# revision identifiers, used by Alembic.
revision = '0025_sso'
down_revision = '0024_jobruns'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'municipality_sign_on',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('municipality_id', sa.Integer(), nullable=False),
        sa.Column('enabled', sa.Boolean(), nullable=False),
        sa.Column('issuer', sa.String(length=500), nullable=False),
        sa.Column('client_id', sa.String(length=255), nullable=False),
        sa.Column('client_secret', sa.String(length=500), nullable=False),
        sa.Column('groups_claim', sa.String(length=100), nullable=False),
        sa.Column('group_roles', sa.Text(), nullable=False),
        sa.Column('provider_name', sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('municipality_id'),
    )
    op.create_table(
        'sign_on_identity',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('issuer', sa.String(length=500), nullable=False),
        sa.Column('subject', sa.String(length=255), nullable=False),
        sa.Column('created_at', UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('issuer', 'subject'),
    )
    with op.batch_alter_table('sign_on_identity', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sign_on_identity_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('sign_on_identity', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sign_on_identity_user_id'))
    op.drop_table('sign_on_identity')
    op.drop_table('municipality_sign_on')
