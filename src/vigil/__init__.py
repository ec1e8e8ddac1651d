"""Vigil: structured, source-linked case records from reports about people at risk."""

__version__ = "0.1.0"
