"""The coalition server: the same projects as the embedded store, on PostgreSQL, shared by many organisations.

``db`` holds the one schema (every table on one ``metadata``) and runs its Alembic migrations;
``sql_store`` is the store on that database. Nothing here is imported by the one-person app unless
a database URL is given (``SHADOWREPORT_DATABASE_URL`` or ``--database``).
"""
