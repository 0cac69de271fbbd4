"""The coalition server's own tables: organisations, accounts, sessions, and the shared work on a project.

They sit on the one ``db.metadata`` beside the store's tables (projects, project_sections), so a
project deleted for good takes its comments, suggestions, sign-offs and assignments with it
(``ON DELETE CASCADE``). The audit log keeps the project id as plain text, without a foreign key,
so the record of who did what outlives the project; its summaries never hold case text.
Alembic revision ``0002_coalition`` creates exactly these tables (a test compares the two).
"""

from __future__ import annotations

from sqlalchemy import Boolean, CheckConstraint, Column, DateTime, ForeignKey, Index, Integer, String, Table, Text

from . import store_tables  # noqa: F401  (the projects table the foreign keys below name)
from .db import metadata

ROLES = ("coordinator", "member", "reviewer")
PROJECT_ROLES = ("coordinator", "member")  # what an organisation is in one project
SUGGESTION_STATUSES = ("open", "accepted", "rejected")

_PROJECT = "projects.id"


def _when(name: str, nullable: bool = False) -> Column:
    return Column(name, DateTime(timezone=True), nullable=nullable)


organisations = Table(
    "organisations", metadata,
    Column("id", String(64), primary_key=True),  # also the organisation's member id in every project (Member.id)
    Column("name", String(1000), nullable=False, unique=True),
    _when("created_at"),
)

users = Table(
    "users", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("organisation_id", String(64), ForeignKey("organisations.id"), nullable=False),
    Column("role", String(20), CheckConstraint("role IN ('coordinator', 'member', 'reviewer')", name="role"), nullable=False),
    Column("password_hash", String(400), nullable=False),  # argon2id, with its parameters and salt
    Column("disabled", Boolean, nullable=False, default=False),
    _when("created_at"),
)

sessions = Table(
    "sessions", metadata,
    Column("token_hash", String(64), primary_key=True),  # sha256 of the token: a copy of the table logs no one in
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    _when("created_at"),
    _when("expires_at"),
    _when("ended_at", nullable=True),
)

login_failures = Table(
    "login_failures", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False),  # the name tried, known or not, so probing names is limited too
    _when("at"),
    Index("login_failures_name_at", "name", "at"),
)

project_organisations = Table(
    "project_organisations", metadata,
    Column("project_id", Text, ForeignKey(_PROJECT, ondelete="CASCADE"), primary_key=True),
    Column("organisation_id", String(64), ForeignKey("organisations.id"), primary_key=True),
    Column("role", String(20), CheckConstraint("role IN ('coordinator', 'member')", name="role"), nullable=False),
    _when("joined_at"),
)

project_locks = Table(  # a row while the coordinator has locked the project: members can no longer change it
    "project_locks", metadata,
    Column("project_id", Text, ForeignKey(_PROJECT, ondelete="CASCADE"), primary_key=True),
    Column("locked_by", Integer, ForeignKey("users.id"), nullable=False),
    _when("locked_at"),
)

section_assignments = Table(
    "section_assignments", metadata,
    Column("project_id", Text, ForeignKey(_PROJECT, ondelete="CASCADE"), primary_key=True),
    Column("section_id", Text, primary_key=True),
    Column("organisation_id", String(64), ForeignKey("organisations.id"), primary_key=True),
)

comments = Table(
    "comments", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("project_id", Text, ForeignKey(_PROJECT, ondelete="CASCADE"), nullable=False),
    Column("section_id", Text, nullable=False),
    Column("author_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("text", Text, nullable=False),
    _when("created_at"),
    Column("resolved_by", Integer, ForeignKey("users.id"), nullable=True),
    _when("resolved_at", nullable=True),
    Index("comments_project_section", "project_id", "section_id"),
)

suggestions = Table(
    "suggestions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("project_id", Text, ForeignKey(_PROJECT, ondelete="CASCADE"), nullable=False),
    Column("section_id", Text, nullable=False),
    Column("author_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("text", Text, nullable=False),  # the proposed text of the whole section
    Column("base_version", Integer, nullable=False),  # the section's version it was written against
    Column("status", String(20), CheckConstraint("status IN ('open', 'accepted', 'rejected')", name="status"),
           nullable=False, default="open"),
    _when("created_at"),
    Column("decided_by", Integer, ForeignKey("users.id"), nullable=True),
    _when("decided_at", nullable=True),
    Index("suggestions_project_section", "project_id", "section_id"),
)

signoffs = Table(
    "signoffs", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("project_id", Text, ForeignKey(_PROJECT, ondelete="CASCADE"), nullable=False),
    Column("organisation_id", String(64), ForeignKey("organisations.id"), nullable=False),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("snapshot_hash", String(64), nullable=False),  # sha256 of the project as it was signed
    _when("signed_at"),
    _when("reopened_at", nullable=True),  # the first change after signing
    Index("signoffs_project", "project_id"),
)

audit_log = Table(
    "audit_log", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _when("at"),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=True),  # none for the command line's user management
    Column("action", String(64), nullable=False),
    Column("project_id", Text, nullable=True),  # no foreign key: the log outlives the project
    Column("target", String(200), nullable=False, default=""),  # a section or item id, or a user name
    Column("summary", String(1000), nullable=False, default=""),  # counts and versions, never case text
    Index("audit_log_project_at", "project_id", "at"),
)
