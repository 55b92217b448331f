"""One way to bind a control to a field of the view state (and so to the URL).

``bind`` owns the control's key, shows what the state says (following it when the URL changed from
outside: a link, Back/Forward, a map click, another control), writes a person's choice into the state in
the control's callback (before the script runs, so the page and the URL never disagree and one choice is
one history entry), and ignores a stale label of the other language, which Streamlit hands back as a raw
string when a control is used while the language switches: the state keeps its value and the control is
drawn again from it. No page keeps shadow state.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from vngov.ui.state import update

WIDGETS = {"select": "selectbox", "multi": "multiselect", "segmented": "segmented_control", "radio": "radio"}


def labels(names: dict | Callable | None) -> Callable[[object], str]:
    """``format_func`` that labels any value: Streamlit formats the value it got back (possibly a stale
    label) and fails on a None label."""
    if names is None:
        return str
    if callable(names):
        return lambda v: str(names(v)) if v is not None else ""
    return lambda v: str(names.get(v, v))


def _valid(kind: str, value, options: Sequence) -> bool:
    if kind == "multi":
        return isinstance(value, (list, tuple)) and all(v in options for v in value)
    return value in options


def bind(key: str, kind: str, label: str, options: Sequence, *, value: Any, write: Callable[[Any], dict],
         names: dict | Callable | None = None, where=None, max_items: int | None = None, **widget_kw) -> Any:
    """Draw a ``kind`` control ('select', 'multi', 'segmented', 'radio') showing ``value`` and return the
    value shown. ``write(choice)`` gives the state changes for a person's choice (e.g. ``{"year": y}``).

    ``where``: a container to draw in (default: where the page is). ``max_items`` (multi): choices beyond
    it are cut (the widget's own limit stops the browser; this guards other clients).
    """
    options = list(options)
    ss = st.session_state
    if kind == "multi":
        value = [v for v in value if v in options]
    if key not in ss or _as_state(kind, ss[key]) != _as_state(kind, value):
        ss[key] = list(value) if kind == "multi" else value  # follow the state

    def on_change() -> None:
        choice = ss.get(key)
        if not _valid(kind, choice, options):
            return  # a stale label: the state keeps its value and the control is redrawn from it
        if kind == "multi" and max_items is not None:
            choice = list(choice)[:max_items]
        if kind == "segmented" and choice is None:
            return
        update(**write(choice))

    fn = getattr(where if where is not None else st, WIDGETS[kind])
    kw = dict(key=key, on_change=on_change, format_func=labels(names), **widget_kw)
    if kind == "multi" and max_items is not None:
        kw["max_selections"] = max_items
    if kind == "segmented":
        kw.setdefault("required", True)
    fn(label, options, **kw)
    return value


def _as_state(kind: str, v):
    return tuple(v) if kind == "multi" and isinstance(v, (list, tuple)) else v
