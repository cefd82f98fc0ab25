"""The documented form templates are exactly what the parser expects."""
import importlib.util
from pathlib import Path

from analysis import load_config

ROOT = Path(__file__).resolve().parent.parent


def test_forms_doc_is_generated_from_the_current_config():
    spec = importlib.util.spec_from_file_location("make_forms_doc", ROOT / "scripts" / "make_forms_doc.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert (ROOT / "docs" / "forms.md").read_text(encoding="utf-8") == mod.render(load_config()), \
        "docs/forms.md is out of date: run scripts/make_forms_doc.py"


def test_readme_test_command_is_what_ci_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash test.sh" in readme and "bash test.sh" in ci
    assert "bash run.sh" in readme
