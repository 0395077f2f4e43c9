"""A sibling module, so the package holds more than one module."""

GREETING_FILE = "greeting.txt"
