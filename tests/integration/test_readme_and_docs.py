"""The README and the project's own contracts (docs/*.md) stay true to the repository.

- Every link in README.md and docs/*.md points to a file or folder inside the repository
  that exists (a clone has nothing beside it).
- docs/input-contract.md lists every raw table and column the sources declare
  (models/staging/*/_*__sources.yml) and every data-quality reason of the seed
  data_quality_rules.
- docs/output-contract.md lists exactly the public marts (models/marts), names for each the
  YAML file that documents it, and its required columns and key are columns and a
  uniqueness test of that file.

Nothing here builds the project: the checks read the files.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

PROJECT_DIR = Path(__file__).resolve().parents[2]
DOCS_DIR = PROJECT_DIR / "docs"
INPUT_CONTRACT = DOCS_DIR / "input-contract.md"
OUTPUT_CONTRACT = DOCS_DIR / "output-contract.md"
MARKDOWN_FILES = [PROJECT_DIR / "README.md", *sorted(DOCS_DIR.glob("*.md"))]

# [text](target) and reference definitions `[label]: target`; the target stops at a space,
# so a link title ("...") is left out.
INLINE_LINK = re.compile(r"\[[^\]]*\]\(\s*<?([^)\s>]+)>?[^)]*\)")
REFERENCE_LINK = re.compile(r"^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)  # http:, mailto:, //host
BACKTICKED = re.compile(r"`([^`]+)`")


# ---- links ------------------------------------------------------------------------------


def links(markdown: str) -> list[str]:
    """The link targets of a Markdown text, in order (fenced code blocks left out)."""
    prose = re.sub(r"^```.*?^```", "", markdown, flags=re.MULTILINE | re.DOTALL)
    return INLINE_LINK.findall(prose) + REFERENCE_LINK.findall(prose)


def broken_links(markdown_file: Path, root: Path = PROJECT_DIR) -> list[str]:
    """Each local link of the file that leaves `root` (the repository) or names nothing."""
    problems = []
    for target in links(markdown_file.read_text(encoding="utf-8")):
        if EXTERNAL.match(target) or target.startswith("#"):
            continue
        path = (markdown_file.parent / target.split("#", 1)[0]).resolve()
        if not path.is_relative_to(root):
            problems.append(f"{target}: outside the repository")
        elif not path.exists():
            problems.append(f"{target}: no such file")
    return problems


@pytest.mark.parametrize("markdown_file", MARKDOWN_FILES, ids=lambda path: path.name)
def test_links_stay_inside_the_repository_and_exist(markdown_file: Path) -> None:
    assert not broken_links(markdown_file), broken_links(markdown_file)


def test_link_check_catches_outside_and_missing_targets(tmp_path: Path) -> None:
    """The checker itself: a link out of the repository and one to a missing file fail."""
    repository = tmp_path / "repository"
    (repository / "docs").mkdir(parents=True)
    (repository / "docs" / "input-contract.md").write_text("# Input\n", encoding="utf-8")
    probe = repository / "docs" / "probe.md"
    probe.write_text(
        "[spec](../../shared/spec/raw-sources.md) [gone](missing.md) [ok](input-contract.md#delivery)\n"
        "[site](https://docs.getdbt.com) [anchor](#top) [up](../docs/)\n"
        "```\n[in code](../../ignored.md)\n```\n[ref]: ../../outside.md\n",
        encoding="utf-8",
    )
    assert broken_links(probe, root=repository) == [
        "../../shared/spec/raw-sources.md: outside the repository",
        "missing.md: no such file",
        "../../outside.md: outside the repository",
    ]


# ---- the sections of a contract page ------------------------------------------------------


def sections(markdown_file: Path, level: int) -> dict[str, str]:
    """The text under each heading of `level` (`###` = 3), up to the next heading of that
    level or above, by the heading's first word."""
    text = markdown_file.read_text(encoding="utf-8")
    heading = re.compile(rf"^#{{1,{level}}} (.+)$", re.MULTILINE)
    found: dict[str, str] = {}
    matches = list(heading.finditer(text))
    for match, following in zip(matches, [*matches[1:], None], strict=True):
        if not match.group(0).startswith("#" * level + " "):
            continue
        end = following.start() if following else len(text)
        found[match.group(1).split()[0]] = text[match.end() : end]
    return found


def table_column_names(section: str) -> set[str]:
    """The first cell of each row of the Markdown table in a section (its header left out)."""
    rows = [line for line in section.splitlines() if line.startswith("| ")]
    return {row.split("|")[1].strip() for row in rows[1:] if not set(row) <= {"|", "-", " "}}


def backticked_after(label: str, section: str, end: str = r"\n\n") -> list[str]:
    """The backticked names that follow `label` in a section, up to `end` (a blank line)."""
    match = re.search(rf"{re.escape(label)}(.*?)(?:{end}|$)", section, flags=re.DOTALL)
    return BACKTICKED.findall(match.group(1)) if match else []


# ---- the input contract --------------------------------------------------------------------


def declared_sources() -> dict[str, set[str]]:
    """Each raw table (its identifier) and the columns the sources declare for it."""
    tables = {}
    for path in sorted(PROJECT_DIR.glob("models/staging/*/_*__sources.yml")):
        for source in yaml.safe_load(path.read_text(encoding="utf-8"))["sources"]:
            for table in source["tables"]:
                name = table.get("identifier", table["name"])
                tables[name] = {column["name"] for column in table.get("columns", [])}
    return tables


def data_quality_reasons() -> dict[str, set[str]]:
    """Each raw table and the reasons the seed data_quality_rules gives for it."""
    reasons: dict[str, set[str]] = {}
    with (PROJECT_DIR / "seeds" / "data_quality_rules.csv").open(
        newline="", encoding="utf-8"
    ) as handle:
        for rule in csv.DictReader(handle):
            reasons.setdefault(rule["table_name"], set()).add(rule["reason"])
    return reasons


def test_input_contract_lists_every_raw_table_and_column() -> None:
    documented = sections(INPUT_CONTRACT, level=4)
    declared = declared_sources()
    assert sorted(documented) == sorted(declared)
    differences = {
        table: {
            "only in the sources": columns - table_column_names(documented[table]),
            "only in the contract": table_column_names(documented[table]) - columns,
        }
        for table, columns in declared.items()
        if table_column_names(documented[table]) != columns
    }
    assert not differences


def test_input_contract_names_every_data_quality_reason() -> None:
    documented = sections(INPUT_CONTRACT, level=4)
    missing = {
        table: reasons - set(backticked_after("Bad rows:", documented.get(table, "")))
        for table, reasons in data_quality_reasons().items()
    }
    assert not {table: reasons for table, reasons in missing.items() if reasons}


def declared_freshness() -> dict[str, tuple[str, str, str]]:
    """Each raw table: its loaded-at column and warn / error ages (`''` where unchecked)."""
    declared = {}
    for path in sorted(PROJECT_DIR.glob("models/staging/*/_*__sources.yml")):
        for source in yaml.safe_load(path.read_text(encoding="utf-8"))["sources"]:
            for table in source["tables"]:
                config = table["config"]
                ages = [
                    (config.get("freshness") or {}).get(level) or {}
                    for level in ("warn_after", "error_after")
                ]
                declared[table["identifier"]] = (
                    config["loaded_at_field"],
                    *(f"{age['count']} {age['period']}" if age else "" for age in ages),
                )
    return declared


def test_input_contract_states_each_tables_freshness_as_declared() -> None:
    """The table of section "How fresh the files must be" says what the sources' YAML says."""
    section = sections(INPUT_CONTRACT, level=2)["How"]
    documented = {}
    for row in section.splitlines()[3:]:
        if not row.startswith("| "):
            continue
        tables, column, warn, error = (cell.strip() for cell in row.strip("|").split("|"))
        ages = [re.sub(r"^(\d+) days?$", r"\1 day", age) for age in (warn, error)]
        for table in BACKTICKED.findall(tables):
            unchecked = warn.startswith("not checked")
            documented[table] = (column.strip("`"), *(["", ""] if unchecked else ages))
    assert documented == declared_freshness()


# ---- the output contract -------------------------------------------------------------------


def mart_properties() -> Iterator[tuple[Path, dict[str, Any]]]:
    """Each model of models/marts with the YAML file that documents it."""
    for path in sorted(PROJECT_DIR.glob("models/marts/**/_*__models.yml")):
        for model in yaml.safe_load(path.read_text(encoding="utf-8")).get("models", []):
            yield path, model


def uniqueness_keys(model: dict[str, Any]) -> list[set[str]]:
    """The column sets a `unique` or `unique_combination_of_columns` test holds unique."""
    keys = []
    for column in model.get("columns", []):
        for test in column.get("data_tests", []) or []:
            if test == "unique" or (isinstance(test, dict) and "unique" in test):
                keys.append({column["name"]})
    for test in model.get("data_tests", []) or []:
        if isinstance(test, dict) and "unique_combination_of_columns" in test:
            arguments = test["unique_combination_of_columns"].get("arguments", {})
            keys.append(set(arguments["combination_of_columns"]))
    return keys


def area_yaml_of_each_mart() -> dict[str, str]:
    """The YAML path named in the `## Area — `path`` heading above each mart's section."""
    owners = {}
    text = OUTPUT_CONTRACT.read_text(encoding="utf-8")
    for area in re.split(r"^## ", text, flags=re.MULTILINE)[1:]:
        heading = area.splitlines()[0]
        named = BACKTICKED.findall(heading)
        for mart in re.findall(r"^### (\S+)", area, flags=re.MULTILINE):
            owners[mart] = named[0] if named else ""
    return owners


def test_output_contract_lists_exactly_the_public_marts() -> None:
    marts = {model["name"] for _, model in mart_properties()}
    assert sorted(sections(OUTPUT_CONTRACT, level=3)) == sorted(marts)


@pytest.mark.parametrize("path_and_model", list(mart_properties()), ids=lambda pm: pm[1]["name"])
def test_output_contract_matches_the_mart(path_and_model: tuple[Path, dict[str, Any]]) -> None:
    path, model = path_and_model
    section = sections(OUTPUT_CONTRACT, level=3)[model["name"]]
    columns = {column["name"] for column in model.get("columns", [])}
    required = backticked_after("Required columns:", section)
    key = backticked_after("Key:", section, end=r"\.(?:\s|$)")
    assert area_yaml_of_each_mart()[model["name"]] == str(path.relative_to(PROJECT_DIR))
    assert required and set(required) <= columns, set(required) - columns
    assert set(key) in uniqueness_keys(model), f"no uniqueness test on {key}"
    assert model.get("config", {}).get("contract", {}).get("enforced") is True
