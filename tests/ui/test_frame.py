"""The frame's one workaround for Streamlit's first run in a pages/ app, and the text catalogue."""

import ast
import re
from pathlib import Path

from conftest import ROOT


def test_streamlit_still_has_the_pages_directory_flag():
    """ui.leave_legacy_pages_mode relies on PagesManager.uses_pages_directory: if a Streamlit upgrade
    renames or drops it, this fails loudly (the workaround would silently stop working)."""
    from streamlit.runtime.pages_manager import PagesManager

    assert "uses_pages_directory" in vars(PagesManager), "Streamlit changed the flag ui.frame relies on"
    assert isinstance(PagesManager.uses_pages_directory, (bool, type(None)))


def test_the_workaround_is_in_one_place():
    hits = [p for p in [ROOT / "app.py", *ROOT.glob("pages/*.py"), *ROOT.glob("vngov/**/*.py")]
            if "uses_pages_directory" in p.read_text(encoding="utf-8")]
    assert hits == [ROOT / "vngov/ui/frame.py"]


def _code_strings() -> tuple[set[str], list[str]]:
    """Every string constant of the app's code, and the literal starts of its f-strings."""
    consts, prefixes = set(), []
    for p in [ROOT / "app.py", *ROOT.glob("pages/*.py"), *ROOT.glob("vngov/**/*.py")]:
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                head = node.values[0] if node.values else None
                if isinstance(head, ast.Constant) and isinstance(head.value, str):
                    prefixes.append(head.value)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                consts.add(node.value)
    return consts, prefixes


def test_no_unused_catalogue_key():
    """Every key of vngov/text/*.toml is used: as a literal, or by an f-string whose literal start is a
    prefix of it (t(f"rk_band_{x}") uses rk_band_A…)."""
    from vngov.i18n import catalogue

    consts, prefixes = _code_strings()
    prefixes = [p for p in prefixes if re.fullmatch(r"[a-z0-9_]{3,}", p)]
    unused = [k for k in catalogue() if k not in consts and not any(k.startswith(p) for p in prefixes)]
    assert unused == []


def test_every_key_the_code_names_exists():
    from vngov.i18n import catalogue

    used = set()
    for p in [ROOT / "app.py", *ROOT.glob("pages/*.py"), *ROOT.glob("vngov/**/*.py")]:
        used |= set(re.findall(r"\bt\(\"([a-z0-9_]+)\"", p.read_text(encoding="utf-8")))
    assert sorted(used - set(catalogue())) == []


def test_no_language_switch_outside_the_one_helper():
    """`"name_en" if lang == "en" else "name_vi"` and the like are written once: i18n.col."""
    pattern = re.compile(r"_en[\"'] if |_vi[\"'] if |if lang == [\"']en[\"'] else [\"']\w+_vi")
    hits = [str(p.relative_to(ROOT)) for p in [ROOT / "app.py", *ROOT.glob("pages/*.py"), *ROOT.glob("vngov/**/*.py")]
            if pattern.search(p.read_text(encoding="utf-8"))]
    assert hits == []


def test_every_text_has_both_languages_and_the_same_fields():
    from string import Formatter

    from vngov.i18n import catalogue

    for k, v in catalogue().items():
        fields = [{f for _, f, _, _ in Formatter().parse(v[lang]) if f} for lang in ("vi", "en")]
        assert fields[0] == fields[1], k
        assert v["vi"].strip() and v["en"].strip(), k


def test_no_page_file_over_80_lines_and_no_shadow_keys():
    for p in ROOT.glob("pages/*.py"):
        text = p.read_text(encoding="utf-8")
        assert len(text.splitlines()) <= 80, p.name
        assert "_seen" not in text and "import pandas" not in text, p.name
    for p in ROOT.glob("vngov/**/*.py"):
        assert not re.search(r"[\"']_\w+_seen[\"']", p.read_text(encoding="utf-8")), p.name


def test_nothing_below_the_ui_layer_imports_streamlit():
    for p in ROOT.glob("vngov/**/*.py"):
        if p.parent.name == "ui":
            continue
        tree = ast.parse(p.read_text(encoding="utf-8"))
        names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names} | \
                {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        assert not any(str(m).split(".")[0] == "streamlit" for m in names), p
