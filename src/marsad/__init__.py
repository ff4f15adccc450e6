"""Marsad: Arabic news to structured, geocoded, source-attributed event records."""

__version__ = "0.1.0"
SCHEMA = "marsad.doc/1"
