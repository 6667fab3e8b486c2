"""Problems found in input, and the exceptions that carry them.

The exception tree::

    TajimiRulesError                  base of everything this library raises on purpose
     ├── InvalidDocumentError         a file or mapping is not a valid document; ``.problems``
     │                                lists every problem found, each with its JSON pointer
     └── UnknownRuleSetError          no rule set has the given id (also a ``LookupError``)

A :class:`Problem` is a value, not an exception: validators return lists of them and
never raise for bad content; loaders raise :class:`InvalidDocumentError` holding them.
"""

from ._errors import InvalidDocumentError, Problem, Severity, TajimiRulesError, UnknownRuleSetError, pointer

__all__ = [
    "InvalidDocumentError",
    "Problem",
    "Severity",
    "TajimiRulesError",
    "UnknownRuleSetError",
    "pointer",
]
