"""a11y: accessibility statement settings, Leichte Sprache text, DGS video link

Revision ID: 0013_a11y
Revises: 0012_details
Create Date: 2026-12-02 18:00:00

"""
import sqlalchemy as sa
from alembic import op

import dialogplatform.models.types

# revision identifiers, used by Alembic.
revision = '0013_a11y'
down_revision = '0012_details'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('municipality', schema=None) as batch_op:
        batch_op.add_column(sa.Column('federal_state', sa.String(length=2), nullable=False, server_default='BW'))
        batch_op.add_column(sa.Column('accessibility_limitations', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('accessibility_changed_at', dialogplatform.models.types.UTCDateTime(),
                                      nullable=True))
        batch_op.add_column(sa.Column('easy_language_text', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('sign_language_video_url', sa.String(length=500), nullable=False,
                                      server_default=''))


def downgrade():
    with op.batch_alter_table('municipality', schema=None) as batch_op:
        batch_op.drop_column('sign_language_video_url')
        batch_op.drop_column('easy_language_text')
        batch_op.drop_column('accessibility_changed_at')
        batch_op.drop_column('accessibility_limitations')
        batch_op.drop_column('federal_state')
