"""private event addresses with a public district; a recommendation's
responsible body (public) apart from its contact (staff only)

Revision ID: 0008_published
Revises: 0007_rules
Create Date: 2026-12-02 08:00:00

The old free text "Department or addressee" often named a person
("Amt für Wohnen, Frau K., ..."): it moves into the staff-only contact, and
organisers enter the responsible body anew.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0008_published'
down_revision = '0007_rules'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('district', sa.String(length=120), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('address_private', sa.Boolean(), nullable=False, server_default=sa.false()))

    with op.batch_alter_table('recommendation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('responsible_body', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('contact', sa.String(length=300), nullable=False, server_default=''))
    op.execute("UPDATE recommendation SET contact = addressee_detail")
    with op.batch_alter_table('recommendation', schema=None) as batch_op:
        batch_op.drop_column('addressee_detail')


def downgrade():
    with op.batch_alter_table('recommendation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('addressee_detail', sa.String(length=200), nullable=False, server_default=''))
    op.execute("UPDATE recommendation SET addressee_detail = CASE WHEN contact = '' THEN responsible_body "
               "ELSE SUBSTR(contact, 1, 200) END")
    with op.batch_alter_table('recommendation', schema=None) as batch_op:
        batch_op.drop_column('contact')
        batch_op.drop_column('responsible_body')

    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_column('address_private')
        batch_op.drop_column('district')
