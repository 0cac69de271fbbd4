"""The coalition tables: organisations, users, sessions, login failures, who works on which project
and section, project locks, comments, suggestions, sign-offs and the audit log.

Written out here rather than read from coalition_tables.py, so this revision stays what it was when
later revisions change the tables; tests/test_server_service.py checks the two agree.

Revision ID: 0002_coalition
Revises: 0001_store
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_coalition"
down_revision = "0001_store"
branch_labels = None
depends_on = None


def _when(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "organisations",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(1000), nullable=False, unique=True),
        _when("created_at"),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("organisation_id", sa.String(64), sa.ForeignKey("organisations.id"), nullable=False),
        sa.Column("role", sa.String(20), sa.CheckConstraint("role IN ('coordinator', 'member', 'reviewer')", name="role"), nullable=False),
        sa.Column("password_hash", sa.String(400), nullable=False),
        sa.Column("disabled", sa.Boolean, nullable=False),
        _when("created_at"),
    )
    op.create_table(
        "sessions",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        _when("created_at"),
        _when("expires_at"),
        _when("ended_at", nullable=True),
    )
    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(200), nullable=False),
        _when("at"),
    )
    op.create_index("login_failures_name_at", "login_failures", ["name", "at"])
    op.create_table(
        "project_organisations",
        sa.Column("project_id", sa.Text, sa.ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("organisation_id", sa.String(64), sa.ForeignKey("organisations.id"), primary_key=True),
        sa.Column("role", sa.String(20), sa.CheckConstraint("role IN ('coordinator', 'member')", name="role"), nullable=False),
        _when("joined_at"),
    )
    op.create_table(
        "project_locks",
        sa.Column("project_id", sa.Text, sa.ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("locked_by", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        _when("locked_at"),
    )
    op.create_table(
        "section_assignments",
        sa.Column("project_id", sa.Text, sa.ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("section_id", sa.Text, primary_key=True),
        sa.Column("organisation_id", sa.String(64), sa.ForeignKey("organisations.id"), primary_key=True),
    )
    op.create_table(
        "comments",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("project_id", sa.Text, sa.ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
        sa.Column("section_id", sa.Text, nullable=False),
        sa.Column("author_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        _when("created_at"),
        sa.Column("resolved_by", sa.Integer, sa.ForeignKey("users.id"), nullable=True),
        _when("resolved_at", nullable=True),
    )
    op.create_index("comments_project_section", "comments", ["project_id", "section_id"])
    op.create_table(
        "suggestions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("project_id", sa.Text, sa.ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
        sa.Column("section_id", sa.Text, nullable=False),
        sa.Column("author_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("base_version", sa.Integer, nullable=False),
        sa.Column("status", sa.String(20), sa.CheckConstraint("status IN ('open', 'accepted', 'rejected')", name="status"), nullable=False),
        _when("created_at"),
        sa.Column("decided_by", sa.Integer, sa.ForeignKey("users.id"), nullable=True),
        _when("decided_at", nullable=True),
    )
    op.create_index("suggestions_project_section", "suggestions", ["project_id", "section_id"])
    op.create_table(
        "signoffs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("project_id", sa.Text, sa.ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
        sa.Column("organisation_id", sa.String(64), sa.ForeignKey("organisations.id"), nullable=False),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("snapshot_hash", sa.String(64), nullable=False),
        _when("signed_at"),
        _when("reopened_at", nullable=True),
    )
    op.create_index("signoffs_project", "signoffs", ["project_id"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _when("at"),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=True),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("project_id", sa.Text, nullable=True),
        sa.Column("target", sa.String(200), nullable=False),
        sa.Column("summary", sa.String(1000), nullable=False),
    )
    op.create_index("audit_log_project_at", "audit_log", ["project_id", "at"])


def downgrade() -> None:
    for table in ("audit_log", "signoffs", "suggestions", "comments", "section_assignments", "project_locks", "project_organisations",
                  "login_failures", "sessions", "users", "organisations"):
        op.drop_table(table)
