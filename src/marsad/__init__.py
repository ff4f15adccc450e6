"""Marsad: Arabic news to structured, geocoded, source-attributed event records."""

from marsad import _compiled

__version__ = "0.1.0"
SCHEMA = "marsad.doc/1"

# a compiled module runs only while its source is the one it was built from (marsad/_compiled.py)
_compiled.install()
