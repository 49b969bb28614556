"""LTI 1.3: registered platforms and their deployments, the tool's keys, login state, course links,
their class lists, and the platform users who teach

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-10 06:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'lti_platform',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=120), nullable=False),
        sa.Column('issuer', sa.String(length=255), nullable=False),
        sa.Column('client_id', sa.String(length=255), nullable=False),
        sa.Column('auth_login_url', sa.Text(), nullable=False),
        sa.Column('auth_token_url', sa.Text(), nullable=False),
        sa.Column('key_set_url', sa.Text(), nullable=False),
        sa.Column('auth_audience', sa.Text(), nullable=True),
        sa.Column('active', sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_lti_platform')),
        sa.UniqueConstraint('issuer', 'client_id', name=op.f('uq_lti_platform_issuer')),
    )
    op.create_table(
        'lti_deployment',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('platform_id', sa.Integer(), nullable=False),
        sa.Column('deployment_id', sa.String(length=255), nullable=False),
        sa.ForeignKeyConstraint(['platform_id'], ['lti_platform.id'],
                                name=op.f('fk_lti_deployment_platform_id_lti_platform')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_lti_deployment')),
        sa.UniqueConstraint('platform_id', 'deployment_id', name=op.f('uq_lti_deployment_platform_id')),
    )
    op.create_index(op.f('ix_lti_deployment_platform_id'), 'lti_deployment', ['platform_id'])
    op.create_table(
        'lti_key',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kid', sa.String(length=64), nullable=False),
        sa.Column('private_pem', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_lti_key')),
        sa.UniqueConstraint('kid', name=op.f('uq_lti_key_kid')),
    )
    op.create_table(
        'lti_state',
        sa.Column('key', sa.String(length=255), nullable=False),
        sa.Column('value_json', sa.Text(), nullable=False),
        sa.Column('expires_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('key', name=op.f('pk_lti_state')),
    )
    op.create_index(op.f('ix_lti_state_expires_at'), 'lti_state', ['expires_at'])
    op.create_table(
        'lti_teacher',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('platform_id', sa.Integer(), nullable=False),
        sa.Column('sub', sa.String(length=255), nullable=False),
        sa.Column('teacher_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['platform_id'], ['lti_platform.id'],
                                name=op.f('fk_lti_teacher_platform_id_lti_platform')),
        sa.ForeignKeyConstraint(['teacher_id'], ['teacher.id'], name=op.f('fk_lti_teacher_teacher_id_teacher')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_lti_teacher')),
        sa.UniqueConstraint('platform_id', 'sub', name=op.f('uq_lti_teacher_platform_id')),
    )
    op.create_index(op.f('ix_lti_teacher_platform_id'), 'lti_teacher', ['platform_id'])
    op.create_index(op.f('ix_lti_teacher_teacher_id'), 'lti_teacher', ['teacher_id'])
    op.create_table(
        'lti_link',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('platform_id', sa.Integer(), nullable=False),
        sa.Column('deployment_id', sa.String(length=255), nullable=False),
        sa.Column('context_id', sa.String(length=255), nullable=False),
        sa.Column('context_title', sa.String(length=255), nullable=False),
        sa.Column('resource_link_id', sa.String(length=255), nullable=False),
        sa.Column('title', sa.String(length=255), nullable=False),
        sa.Column('assignment_id', sa.Integer(), nullable=False),
        sa.Column('batch_id', sa.Integer(), nullable=False),
        sa.Column('memberships_url', sa.Text(), nullable=True),
        sa.Column('lineitems_url', sa.Text(), nullable=True),
        sa.Column('lineitem_url', sa.Text(), nullable=True),
        sa.Column('ags_scopes_json', sa.Text(), nullable=False),
        sa.Column('roster_at', sa.DateTime(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['platform_id'], ['lti_platform.id'],
                                name=op.f('fk_lti_link_platform_id_lti_platform')),
        sa.ForeignKeyConstraint(['assignment_id'], ['assignment.id'],
                                name=op.f('fk_lti_link_assignment_id_assignment')),
        sa.ForeignKeyConstraint(['batch_id'], ['batch.id'], name=op.f('fk_lti_link_batch_id_batch')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_lti_link')),
        sa.UniqueConstraint('platform_id', 'context_id', 'resource_link_id', name=op.f('uq_lti_link_platform_id')),
    )
    op.create_index(op.f('ix_lti_link_platform_id'), 'lti_link', ['platform_id'])
    op.create_index(op.f('ix_lti_link_assignment_id'), 'lti_link', ['assignment_id'])
    op.create_index(op.f('ix_lti_link_batch_id'), 'lti_link', ['batch_id'], unique=True)
    op.create_table(
        'lti_member',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('link_id', sa.Integer(), nullable=False),
        sa.Column('sub', sa.String(length=255), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('email', sa.String(length=254), nullable=True),
        sa.Column('essay_id', sa.Integer(), nullable=True),
        sa.Column('score_sent', sa.String(length=40), nullable=True),
        sa.Column('score_sent_at', sa.DateTime(), nullable=True),
        sa.Column('score_error', sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(['link_id'], ['lti_link.id'], name=op.f('fk_lti_member_link_id_lti_link')),
        sa.ForeignKeyConstraint(['essay_id'], ['essay.id'], name=op.f('fk_lti_member_essay_id_essay')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_lti_member')),
        sa.UniqueConstraint('link_id', 'sub', name=op.f('uq_lti_member_link_id')),
    )
    op.create_index(op.f('ix_lti_member_link_id'), 'lti_member', ['link_id'])


def downgrade():
    op.drop_table('lti_member')
    op.drop_table('lti_link')
    op.drop_table('lti_teacher')
    op.drop_table('lti_state')
    op.drop_table('lti_key')
    op.drop_table('lti_deployment')
    op.drop_table('lti_platform')
