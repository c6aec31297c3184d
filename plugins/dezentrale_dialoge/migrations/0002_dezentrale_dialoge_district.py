"""dezentrale_dialoge: the district of a site; meetings at accommodations
keep their address private

Revision ID: 0002_dezentrale_dialoge
Revises: 0001_dezentrale_dialoge
Create Date: 2026-12-02 08:30:00

Needs the core's ``event.address_private`` (0008_published).
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0002_dezentrale_dialoge'
down_revision = '0001_dezentrale_dialoge'
branch_labels = None
depends_on = '0008_published'


def upgrade():
    with op.batch_alter_table('dezentrale_dialoge_site', schema=None) as batch_op:
        batch_op.add_column(sa.Column('district', sa.String(length=120), nullable=False, server_default=''))
    op.execute(
        "UPDATE event SET address_private = true WHERE online = false AND id IN ("
        " SELECT meeting.event_id FROM dezentrale_dialoge_meeting meeting"
        " JOIN dezentrale_dialoge_site site ON site.id = meeting.site_id WHERE site.kind = 'accommodation')")


def downgrade():
    with op.batch_alter_table('dezentrale_dialoge_site', schema=None) as batch_op:
        batch_op.drop_column('district')
