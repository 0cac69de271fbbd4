"""Shadow Report Studio: shadow reports to human-rights monitoring bodies, drafted, checked and exported."""

__version__ = "0.1.0"
