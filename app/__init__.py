"""Counterclaim: what each party to a conflict claims, side by side."""

__version__ = "0.1.0"
