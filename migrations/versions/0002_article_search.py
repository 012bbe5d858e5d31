"""full-text search over articles: FTS5 on SQLite, a GIN tsvector index on PostgreSQL

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PG_VECTOR = "to_tsvector('english', coalesce(title, '') || ' ' || text)"


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE article_fts USING fts5("
            "title, text, content='article', content_rowid='id', tokenize='porter unicode61')"
        )
        op.execute(
            "CREATE TRIGGER article_fts_ai AFTER INSERT ON article BEGIN "
            "INSERT INTO article_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END"
        )
        op.execute(
            "CREATE TRIGGER article_fts_ad AFTER DELETE ON article BEGIN "
            "INSERT INTO article_fts(article_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text); END"
        )
        op.execute(
            "CREATE TRIGGER article_fts_au AFTER UPDATE ON article BEGIN "
            "INSERT INTO article_fts(article_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text); "
            "INSERT INTO article_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END"
        )
        op.execute("INSERT INTO article_fts(article_fts) VALUES ('rebuild')")
    else:
        op.execute(f"CREATE INDEX ix_article_fts ON article USING GIN ({PG_VECTOR})")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("article_fts_ai", "article_fts_ad", "article_fts_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS article_fts")
    else:
        op.execute("DROP INDEX IF EXISTS ix_article_fts")
