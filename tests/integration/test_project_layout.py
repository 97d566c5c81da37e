"""The YAML layout the developers' guide asks for, which dbt-bouncer cannot check: unit
tests live in `_<area>__unit_tests.yml` files beside the models they test (base models are
described, and unit-tested, from their staging folder), and those files hold nothing else."""

from __future__ import annotations

from pathlib import Path

import yaml

PROJECT_DIR = Path(__file__).resolve().parents[2]
MODELS_DIR = PROJECT_DIR / "models"


def _property_files() -> list[Path]:
    return sorted(MODELS_DIR.rglob("*.yml"))


def _model_dirs() -> dict[str, Path]:
    return {path.stem: path.parent for path in MODELS_DIR.rglob("*.sql")}


def test_unit_tests_live_in_unit_test_files_beside_their_models() -> None:
    model_dirs = _model_dirs()
    misplaced = []
    for path in _property_files():
        content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        is_unit_test_file = path.name.endswith("__unit_tests.yml")
        if "unit_tests" in content and not is_unit_test_file:
            misplaced.append(
                f"{path.relative_to(PROJECT_DIR)}: unit tests outside a _<area>__unit_tests.yml"
            )
        if is_unit_test_file and set(content) - {"version", "unit_tests"}:
            misplaced.append(f"{path.relative_to(PROJECT_DIR)}: holds more than unit tests")
        for unit_test in content.get("unit_tests") or []:
            model_dir = model_dirs.get(unit_test["model"])
            described_in = model_dir.parent if model_dir and model_dir.name == "base" else model_dir
            if described_in != path.parent:
                misplaced.append(
                    f"{path.relative_to(PROJECT_DIR)}: {unit_test['name']} tests {unit_test['model']}, "
                    f"which lives in {model_dir and model_dir.relative_to(PROJECT_DIR)}"
                )
    assert misplaced == []


def test_unit_test_files_are_named_after_their_folder() -> None:
    wrong = []
    for path in MODELS_DIR.rglob("*__unit_tests.yml"):
        layer = path.relative_to(MODELS_DIR).parts[0]
        prefix = "_int_" if layer == "intermediate" else "_"
        expected = f"{prefix}{path.parent.name}__unit_tests.yml"
        if path.name != expected:
            wrong.append(f"{path.relative_to(PROJECT_DIR)} (expected {expected})")
    assert wrong == []
