"""The in-process client of tests/web serves the form fuzz tests too."""

from tests.web.conftest import client

__all__ = ["client"]
