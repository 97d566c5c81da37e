"""The KPI catalogue, the metrics and the exposures agree, checked on the build's artefacts.

- Every metric MetricFlow serves is a catalogue KPI, an input of one, or a plain count
  declared not a KPI (`config.meta.kpi: false`), and every catalogue row names a metric
  MetricFlow serves (semantic_manifest.json against marts.kpi_catalogue).
- Every public mart is used by at least one exposure, and every KPI appears in one.
- Each exposure's "KPIs shown" list names exactly the metrics it depends on.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from conftest import Build

PROJECT = "cs_analytics"


def _load(build: Build, artefact: str) -> dict[str, Any]:
    path: Path = build.target_dir / artefact
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def manifest(handmade_build: Build) -> dict[str, Any]:
    return _load(handmade_build, "manifest.json")


@pytest.fixture(scope="module")
def catalogue(handmade_build: Build) -> list[dict[str, Any]]:
    return handmade_build.query_dicts("select * from marts.kpi_catalogue order by kpi_name")


def test_every_metric_is_a_kpi_or_an_input_of_one_and_back(
    handmade_build: Build, catalogue: list[dict[str, Any]]
) -> None:
    metrics = _load(handmade_build, "semantic_manifest.json")["metrics"]
    served = {metric["name"] for metric in metrics}
    # plain counts declared not to be KPIs (config.meta.kpi false), such as the support tickets
    not_kpis = {
        metric["name"]
        for metric in metrics
        if (metric.get("config") or {}).get("meta", {}).get("kpi") is False
    }
    kpis = {row["kpi_name"] for row in catalogue}
    inputs = {
        name.strip()
        for row in catalogue
        for name in (row["input_metrics"] or "").split(",")
        if name.strip()
    }
    assert len(kpis) >= 20, kpis
    assert not not_kpis & kpis, (
        f"metrics declared not KPIs in the catalogue: {sorted(not_kpis & kpis)}"
    )
    unlisted = served - kpis - inputs - not_kpis
    assert not unlisted, f"metrics without a catalogue row (nor used by one): {sorted(unlisted)}"
    assert not (kpis | inputs) - served, (
        f"catalogue rows without a metric: {sorted((kpis | inputs) - served)}"
    )


def test_catalogue_rows_carry_their_docs_block(catalogue: list[dict[str, Any]]) -> None:
    """Definition, formula and the rest come from the docs block: the NRR row reads as it does."""
    nrr = next(row for row in catalogue if row["kpi_name"] == "nrr")
    assert nrr["label"] == "Net revenue retention (NRR)"
    assert nrr["definition"].startswith("Net revenue retention (NRR)")
    assert "ending ARR / starting ARR" in nrr["formula"]
    assert (nrr["leading_or_lagging"], nrr["focus_area"], nrr["mart"], nrr["mart_column"]) == (
        "lagging",
        "retention",
        "nrr_breakdown",
        "nrr",
    )
    assert nrr["input_metrics"] == "nrr_ending_arr, nrr_starting_arr"
    assert "monthly_leadership_nrr_report" in nrr["exposures"].split(", ")


def test_every_public_mart_is_in_an_exposure(manifest: dict[str, Any]) -> None:
    """The time spine is public for MetricFlow's sake, not a mart people read: left out."""
    public_marts = {
        node["name"]
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model"
        and node.get("access") == "public"
        and not node.get("time_spine")
    }
    used = {
        dependency.split(".")[-1]
        for exposure in manifest["exposures"].values()
        for dependency in exposure["depends_on"]["nodes"]
        if dependency.startswith("model.")
    }
    assert len(public_marts) >= 15
    assert not public_marts - used, f"public marts no exposure uses: {sorted(public_marts - used)}"


def test_every_kpi_is_in_an_exposure(
    manifest: dict[str, Any], catalogue: list[dict[str, Any]]
) -> None:
    shown = {
        dependency.removeprefix(f"metric.{PROJECT}.")
        for exposure in manifest["exposures"].values()
        for dependency in exposure["depends_on"]["nodes"]
        if dependency.startswith("metric.")
    }
    kpis = {row["kpi_name"] for row in catalogue}
    assert not kpis - shown, f"KPIs no exposure shows: {sorted(kpis - shown)}"


def test_each_exposure_lists_exactly_the_kpis_it_depends_on(manifest: dict[str, Any]) -> None:
    assert {exposure["name"] for exposure in manifest["exposures"].values()} == {
        "csm_daily_cockpit",
        "weekly_cs_staff_meeting",
        "monthly_leadership_nrr_report",
        "quarterly_executive_review",
    }
    for exposure in manifest["exposures"].values():
        listing = (
            exposure["description"].split("**KPIs shown**", 1)[1].split("**Definitions**", 1)[0]
        )
        links = re.findall(
            rf"^- \[[^\]]+\]\(#!/metric/metric\.{PROJECT}\.(\w+)\) \(`(\w+)`\)$",
            listing,
            flags=re.MULTILINE,
        )
        assert all(target == name for target, name in links), (exposure["name"], links)
        listed = {name for _, name in links}
        depended = {
            dependency.removeprefix(f"metric.{PROJECT}.")
            for dependency in exposure["depends_on"]["nodes"]
            if dependency.startswith("metric.")
        }
        assert listed == depended, (exposure["name"], sorted(listed ^ depended))
        assert exposure["owner"]["name"] and exposure["maturity"] in {"low", "medium", "high"}


OVERVIEW_ROW = re.compile(
    r"^\| \[(?P<label>[^\]]+)\]\(#!/metric/metric\.cs_analytics\.(?P<link>\w+)\) \| `(?P<kpi_name>\w+)` "
    r"\| (?P<leading_or_lagging>\w+) \| (?P<review_cadence>[a-z, ]+) \| `(?P<mart>[\w.]+)` \|$",
    flags=re.MULTILINE,
)


def test_overview_catalogue_matches_the_kpi_catalogue(
    manifest: dict[str, Any], catalogue: list[dict[str, Any]]
) -> None:
    """The docs site's front page lists every KPI under its focus area, as the catalogue has it."""
    overview = manifest["docs"][f"doc.{PROJECT}.__overview__"]["block_contents"]
    listed: dict[str, dict[str, str]] = {}
    for section in overview.split("\n### ")[1:]:
        area = section.split("\n", 1)[0].strip().lower()
        for match in OVERVIEW_ROW.finditer(section.split("\n## ", 1)[0]):
            assert match["link"] == match["kpi_name"], match[0]
            listed[match["kpi_name"]] = {**match.groupdict(), "focus_area": area}
    expected = {
        row["kpi_name"]: {
            "label": row["label"],
            "focus_area": row["focus_area"],
            "leading_or_lagging": row["leading_or_lagging"],
            "review_cadence": row["review_cadence"],
            "mart": row["mart"] + (f".{row['mart_column']}" if row["mart_column"] else ""),
        }
        for row in catalogue
    }
    assert sorted(listed) == sorted(expected), sorted(set(listed) ^ set(expected))
    for kpi_name, row in expected.items():
        got = {key: listed[kpi_name][key] for key in row}
        assert got == row, (kpi_name, got, row)
