"""Alembic's entry point, run by ``db.migrate`` on a connection it opened (no alembic.ini, no URL here)."""

from alembic import context

from shadowreport.server import db

connection = context.config.attributes.get("connection")
if connection is None:
    raise SystemExit("Run the migrations through shadowreport.server.db.migrate(engine): it passes the connection.")

context.configure(
    connection=connection,
    target_metadata=db.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters a table by copying it
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
