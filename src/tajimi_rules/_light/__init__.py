"""The standard-library core: what a command may use before the model, attrs or cattrs load.

Each module here imports nothing outside Python's standard library and this package's wording
(:mod:`tajimi_rules._texts`). The model, the rules and the command line build on them, and the
quick route of ``tajimi-rules check`` (:mod:`tajimi_rules._light._check`) runs on them alone, so
that a plain check of a plain file answers without loading the libraries the full road needs.
A test states what importing each of them may load.
"""
