"""Run Alembic migrations from code (CLI, demo, tests) against any database URL."""

from __future__ import annotations

from alembic import command
from alembic.config import Config

from app.config import PROJECT_DIR


def include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    """False for what the models do not describe: the full-text search tables and index (0002)."""
    if name is None:
        return True
    if type_ == "table" and name.startswith("article_fts"):
        return False
    return not (type_ == "index" and name == "ix_article_fts")


def alembic_config(url: str) -> Config:
    """The project's Alembic configuration pointed at `url`."""
    cfg = Config(str(PROJECT_DIR / "alembic.ini"))
    cfg.set_main_option("script_location", str(PROJECT_DIR / "migrations"))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    cfg.attributes["configure_logger"] = False
    return cfg


def upgrade(url: str, revision: str = "head") -> None:
    """Migrate the database at `url` up to `revision`."""
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str = "base") -> None:
    """Migrate the database at `url` down to `revision`."""
    command.downgrade(alembic_config(url), revision)
