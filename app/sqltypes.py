"""Small helpers for table definitions shared by the domain packages."""

from collections.abc import Iterable

from sqlalchemy import CheckConstraint


def one_of(column: str, values: Iterable[str], name: str) -> CheckConstraint:
    """A CHECK constraint that keeps `column` within `values` (NULL allowed)."""
    quoted = ", ".join("'" + v.replace("'", "''") + "'" for v in values)
    return CheckConstraint(f"{column} IN ({quoted})", name=name)
