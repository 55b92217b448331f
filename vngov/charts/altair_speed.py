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


# ---- a chart's data frames as records ------------------------------------------------------------------
_PLAIN_INT = ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64")
_NULLABLE = ("Int8", "Int16", "Int32", "Int64", "UInt8", "UInt16", "UInt32", "UInt64", "Float32", "Float64", "boolean")


def _column(s) -> list | None:
    """The values of column ``s`` as ``sanitize_pandas_dataframe`` + ``to_dict("records")`` give them, for
    the dtypes the charts use; None for any other dtype (the caller then leaves the frame to Altair)."""
    import math

    import numpy as np
    import pandas as pd
    from pandas.core.dtypes.cast import maybe_box_native

    name = str(s.dtype)
    if name == "float64":
        return [v if math.isfinite(v) else None for v in s.tolist()]
    if name in _PLAIN_INT or name == "bool":
        return s.tolist()
    if name in ("str", "string"):
        return [v if isinstance(v, str) else None for v in s.astype(object).tolist()]
    if name in _NULLABLE or name == "category":  # Altair: astype(object), missing -> None
        vals = s.astype(object).tolist()
        missing = s.astype(object).isna().tolist()
        return [None if m else maybe_box_native(v) for v, m in zip(vals, missing)]
    if name == "object":
        vals = [v.tolist() if isinstance(v, np.ndarray) else v for v in s.tolist()]
        missing = pd.Series(vals, dtype=object).isna().tolist()
        return [None if m else maybe_box_native(v) for v, m in zip(vals, missing)]
    return None


def records(df) -> list[dict] | None:
    """``altair.utils.data.to_values(df)["values"]`` made column by column (Altair converts every column to
    objects and back: ~0.5 ms a column), or None where this does not know the frame's dtypes or columns."""
    import pandas as pd

    cols = list(df.columns)
    if (isinstance(df.columns, (pd.RangeIndex, pd.MultiIndex)) or isinstance(df.index, pd.MultiIndex)
            or not all(isinstance(c, str) for c in cols) or len(set(cols)) != len(cols)):
        return None
    lists = []
    for c in cols:
        vals = _column(df[c])
        if vals is None:
            return None
        lists.append(vals)
    return [dict(zip(cols, row)) for row in zip(*lists)] if cols else [{} for _ in range(len(df))]


def to_values(data):
    """Altair's ``to_values`` with ``records`` for pandas frames it knows (the same values)."""
    import pandas as pd
    from altair.utils.data import to_values as altair_to_values

    if isinstance(data, pd.DataFrame):
        rows = records(data)
        if rows is not None:
            return {"values": rows}
    return altair_to_values(data)


def register_data_transformer() -> str:
    """Register ``to_values`` as Altair's data transformer "vngov" (no row limit); its name."""
    import altair as alt

    if "vngov" not in alt.data_transformers.names():
        alt.data_transformers.register("vngov", lambda data=None: to_values if data is None else to_values(data))
    return "vngov"
