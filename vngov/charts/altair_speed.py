"""One fix of Altair's cost of building charts; the charts it builds are the same.

Every encoding channel given as a shorthand string (``x="year:O"``, ``tooltip=["name:N", …]``) is turned into
its channel class with ``SchemaBase.from_dict``, which starts by building a ``_FromDict`` converter: a table
from the hash of every schema class's JSON schema (about 580 classes, each ``json.dumps``-ed) to the class.
That table depends only on the classes, yet Altair 6 rebuilds it for every channel: ~2.5 ms a channel, 40 to
200 ms of a page's first view. ``memoize_from_dict`` keeps one table per set of classes.
"""

from __future__ import annotations

import threading

from altair.utils import schemapi

_TABLES: dict[tuple, dict] = {}  # the tuple of candidate classes -> their hash table
_LOCK = threading.Lock()


def memoize_from_dict() -> bool:
    """Make ``_FromDict(classes)`` reuse the hash table built for the same classes (idempotent). False when
    this Altair has no ``_FromDict`` of the expected shape (then nothing is changed)."""
    fd = getattr(schemapi, "_FromDict", None)
    init = getattr(fd, "__init__", None)
    if fd is None or init is None or not hasattr(fd, "hash_schema"):
        return False
    if getattr(init, "_vngov_memo", False):
        return True

    def __init__(self, wrapper_classes, /) -> None:
        classes = tuple(wrapper_classes)
        table = _TABLES.get(classes)
        if table is None:
            init(self, classes)
            with _LOCK:
                table = _TABLES.setdefault(classes, self.class_dict)
        # a lookup of an unknown hash adds an empty list to the (default)dict: the same answer for every user
        self.class_dict = table

    __init__._vngov_memo = True
    __init__._vngov_original = init
    fd.__init__ = __init__
    return True


memoize_from_dict()
