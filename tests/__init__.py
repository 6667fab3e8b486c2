"""The tajimi-rules test suite."""
