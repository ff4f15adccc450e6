"""Build commands that compile shipped data files (python -m marsad.build.<name>)."""
