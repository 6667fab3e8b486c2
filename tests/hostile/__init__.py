"""The hostile corpus: what every command and the Python API promise under hostile input."""
