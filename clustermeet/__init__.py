"""clustermeet: run virtual conferences from a plain agenda file."""

__version__ = "0.1.0"
