"""class codes for published assignments; the teacher's review of an essay; the version it was marked on

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 06:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('assignment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('class_code', sa.String(length=12), nullable=True))
        batch_op.add_column(sa.Column('published', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.create_unique_constraint(batch_op.f('uq_assignment_class_code'), ['class_code'])
    with op.batch_alter_table('essay', schema=None) as batch_op:
        batch_op.add_column(sa.Column('review_json', sa.Text(), nullable=False, server_default='{}'))
        batch_op.add_column(sa.Column('marked_version', sa.Integer(), nullable=True))
    # "hint" is now called "point" (the level that says where to reread, without the answer).
    op.execute("UPDATE assignment SET mode = 'point' WHERE mode = 'hint'")


def downgrade():
    op.execute("UPDATE assignment SET mode = 'hint' WHERE mode = 'point'")
    with op.batch_alter_table('essay', schema=None) as batch_op:
        batch_op.drop_column('marked_version')
        batch_op.drop_column('review_json')
    with op.batch_alter_table('assignment', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_assignment_class_code'), type_='unique')
        batch_op.drop_column('published')
        batch_op.drop_column('class_code')
