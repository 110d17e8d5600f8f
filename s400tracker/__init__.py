"""s400tracker: follow how governments and politicians react to a diplomatic event."""

__version__ = "0.1.0"
