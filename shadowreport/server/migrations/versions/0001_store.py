"""The store: projects, their sections (each with its own version) and revisions.

Revision ID: 0001_store
Revises: (none)
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001_store"
down_revision = None
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "projects",
        sa.Column("id", sa.Text, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("mechanism", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("data", JSON, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("archived_at", WHEN),
        sa.Column("trashed_at", WHEN),
        sa.Column("updated_at", WHEN, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_projects"),
    )
    op.create_table(
        "project_sections",
        sa.Column("project_id", sa.Text, nullable=False),
        sa.Column("section_id", sa.Text, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("updated_by", sa.Text),
        sa.Column("updated_at", WHEN, nullable=False),
        sa.PrimaryKeyConstraint("project_id", "section_id", name="pk_project_sections"),
        sa.ForeignKeyConstraint(["project_id"], ["projects.id"], ondelete="CASCADE", name="fk_project_sections_project_id_projects"),
    )
    op.create_table(
        "revisions",
        sa.Column("project_id", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("saved_at", WHEN, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("project_id", "version", name="pk_revisions"),
        sa.ForeignKeyConstraint(["project_id"], ["projects.id"], ondelete="CASCADE", name="fk_revisions_project_id_projects"),
    )


def downgrade() -> None:
    op.drop_table("revisions")
    op.drop_table("project_sections")
    op.drop_table("projects")
