"""A sibling module with the same name in both twin models."""

GREETING = "hello from twin b"
