"""The projects on the server: one row per project, one per section, and the kept revisions.

Sections have rows of their own, each with a version, so that two people editing two sections of
one report never refuse each other's save (``SqlStore.save_section``); the project row holds the
rest of the project as JSON (``data``, without ``sections``) and its own version, which every change
of any kind moves on, so a tab knows when to reload. A revision is the whole project as it was at
one version, as the embedded store keeps them. Written out again, frozen, in migrations/versions/0001_store.py.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from .db import metadata

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
WHEN = sa.DateTime(timezone=True)

projects = sa.Table(
    "projects", metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("mechanism", sa.Text, nullable=False),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("status", sa.Text, nullable=False),
    sa.Column("data", JSON, nullable=False),  # the project without its sections
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("archived_at", WHEN),
    sa.Column("trashed_at", WHEN),
    sa.Column("updated_at", WHEN, nullable=False),
)

project_sections = sa.Table(
    "project_sections", metadata,
    sa.Column("project_id", sa.Text, sa.ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("section_id", sa.Text, primary_key=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("updated_by", sa.Text),  # the user who saved this version (None: saved with the whole project, by nobody named)
    sa.Column("updated_at", WHEN, nullable=False),
)

revisions = sa.Table(
    "revisions", metadata,
    sa.Column("project_id", sa.Text, sa.ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("saved_at", WHEN, nullable=False),
    sa.Column("data", sa.Text, nullable=False),  # the whole project as JSON, exactly as the model wrote it
)
