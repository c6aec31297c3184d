"""index the registration's creator (a helper's own sign-ups)

Revision ID: 0007_rules
Revises: 0006_landscape
Create Date: 2026-12-02 07:45:00.000000

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '0007_rules'
down_revision = '0006_landscape'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('registration', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_registration_created_by_id'), ['created_by_id'], unique=False)


def downgrade():
    with op.batch_alter_table('registration', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_registration_created_by_id'))
