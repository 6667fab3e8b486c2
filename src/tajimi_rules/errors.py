"""Problems found in input, and the exceptions that carry them.

The exception tree::

    TajimiRulesError                  base of everything this library raises on purpose;
     │                                ``exit_code`` is the command line's exit status for it
     ├── InvalidDocumentError         a file or mapping is not a valid document; ``.problems``
     │                                lists every problem found, each with its JSON pointer
     │                                (also a ``ValueError``)
     ├── UnknownIdError               no object of a kind has the given id; ``.known`` lists
     │    │                           those there are (also a ``LookupError``)
     │    ├── UnknownRuleSetError     no shipped rule set has the id, and it is no path
     │    ├── UnknownCatalogError     no shipped catalog has the id, and it is no path
     │    ├── UnknownCategoryError    the evaluation has no category with the id (also a ``KeyError``)
     │    └── UnknownItemError        the catalog has no item with the id (also a ``KeyError``)
     └── OutputExistsError            an output path exists and replacing it was not asked for
                                      (also a ``FileExistsError``)

A :class:`Problem` is a value, not an exception: validators return lists of them and
never raise for bad content; loaders raise :class:`InvalidDocumentError` holding them. A
problem is built from its code and fields; its English and Japanese messages come from the
package's text table, and its *expected* and *found* parts are data or a :class:`Phrase`.
"""

from ._errors import (
    InvalidDocumentError,
    OutputExistsError,
    Phrase,
    Problem,
    Severity,
    TajimiRulesError,
    UnknownCatalogError,
    UnknownCategoryError,
    UnknownIdError,
    UnknownItemError,
    UnknownRuleSetError,
    phrase,
    pointer,
)

__all__ = [
    "InvalidDocumentError",
    "OutputExistsError",
    "Phrase",
    "Problem",
    "Severity",
    "TajimiRulesError",
    "UnknownCatalogError",
    "UnknownCategoryError",
    "UnknownIdError",
    "UnknownItemError",
    "UnknownRuleSetError",
    "phrase",
    "pointer",
]
