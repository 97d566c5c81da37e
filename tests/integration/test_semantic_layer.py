"""The MetricFlow semantic layer returns the marts' numbers.

`mf query` runs against the hand-worked build's database and semantic manifest, and its
answers are compared with the marts: NRR, GRR and logo retention with `nrr_breakdown`, the
ARR bridge with `arr_bridge`, by month and by segment; quarters roll balances up as their
last month and movements as the sum of their months; NPS, CSAT, churn shares and health
with their marts; NPS, CSAT and churn shares by segment, CSM book and week (from the atomic
facts) with counts made in Python from the staging tables, adding up to the marts. Money
and counts compare exactly; rates to 1e-12.

mf reads `<project>/target/semantic_manifest.json` and nothing else, so each query runs in a
shadow project: a temporary directory whose entries link to the project's files, with its
own `target/` holding the build's semantic manifest. The developer's target/ is never touched.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from conftest import Build, SemanticLayer, same_value

RATE_TOLERANCE = 1e-12


def _month(row: dict[str, str], column: str = "metric_time__month") -> str:
    return row[column][:10]


def _same(mf_cell: str, value: Any) -> bool:
    """mf's CSV cell (empty means null) against a database value: decimals exactly,
    floats to RATE_TOLERANCE."""
    return same_value(value, mf_cell, isinstance(value, float), RATE_TOLERANCE)


def _differences(
    mf_rows: dict[tuple[str, ...], dict[str, str]],
    mart_rows: dict[tuple[str, ...], dict[str, Any]],
    columns: dict[str, str],
) -> list[str]:
    """Every cell where mf (metric) and the mart (column) disagree, keyed alike."""
    problems = (
        [f"rows only in the mart: {sorted(set(mart_rows) - set(mf_rows))}"]
        if set(mart_rows) - set(mf_rows)
        else []
    )
    for key, mart_row in sorted(mart_rows.items()):
        if key not in mf_rows:
            continue
        for metric, column in columns.items():
            if not _same(mf_rows[key][metric], mart_row[column]):
                problems.append(
                    f"{key} {metric}: mf {mf_rows[key][metric]!r}, mart {column} {mart_row[column]!r}"
                )
    return problems


BRIDGE = {  # metric -> arr_bridge column
    "opening_arr": "opening_arr",
    "new_arr": "new_arr",
    "reactivation_arr": "reactivation_arr",
    "expansion_arr": "expansion_arr",
    "contraction_arr": "contraction_arr",
    "churned_arr": "churned_arr",
    "arr": "closing_arr",
    "opening_customers": "opening_customers",
    "new_customers": "new_customers",
    "reactivated_customers": "reactivated_customers",
    "churned_customers": "churned_customers",
    "customers": "closing_customers",
    "logo_churn_rate": "logo_churn_rate",
    "gross_revenue_churn_rate": "gross_revenue_churn_rate",
    "net_revenue_churn_rate": "net_revenue_churn_rate",
    "quick_ratio": "quick_ratio",
}
RETENTION = {  # metric -> nrr_breakdown column
    "nrr": "nrr",
    "grr": "grr",
    "logo_retention_rate": "logo_retention_rate",
    "nrr_starting_arr": "starting_arr",
    "nrr_ending_arr": "ending_arr",
    "retention_cohort_customers": "cohort_customers",
    "retained_cohort_customers": "retained_customers",
}


def test_validate_configs_passes(semantic_layer: SemanticLayer) -> None:
    """Semantic validations, then every semantic model, dimension, entity, measure and
    metric queried against the build's database: no error, future error or warning."""
    completed = semantic_layer.run("validate-configs", "--show-all")
    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, output[-4000:]
    summaries = re.findall(r"\(ERRORS: (\d+), FUTURE_ERRORS: (\d+), WARNINGS: (\d+)\)", output)
    assert len(summaries) == 6, output[
        -4000:
    ]  # the manifest, then five checks against the warehouse
    assert all(counts == ("0", "0", "0") for counts in summaries), output[-4000:]


@pytest.mark.parametrize(
    ("mart", "columns"), [("nrr_breakdown", RETENTION), ("arr_bridge", BRIDGE)]
)
def test_mf_query_by_month_equals_the_mart(
    semantic_layer: SemanticLayer, handmade_build: Build, mart: str, columns: dict[str, str]
) -> None:
    mf_rows = {
        (_month(row),): row for row in semantic_layer.query(list(columns), ["metric_time__month"])
    }
    mart_rows = {
        (str(row["month_start"]),): row
        for row in handmade_build.query_dicts(f"select * from marts.{mart}")
    }
    assert mart_rows, f"{mart} is empty: nothing compared"
    assert not _differences(mf_rows, mart_rows, columns)
    # months the mart leaves out (no month twelve months before them) have no cohort in mf
    for key in set(mf_rows) - set(mart_rows):
        assert mart == "nrr_breakdown" and mf_rows[key]["nrr"] in ("", "None"), key


def test_mf_query_by_segment_splits_the_marts(
    semantic_layer: SemanticLayer, handmade_build: Build
) -> None:
    """By month and segment, mf equals the same sums over fct_account_months per segment,
    and the segments' sums add up to the company rows of the marts."""
    metrics = [
        "arr",
        "new_arr",
        "churned_arr",
        "customers",
        "nrr",
        "grr",
        "nrr_starting_arr",
        "nrr_ending_arr",
        "grr_retained_arr",
        "logo_churn_rate",
    ]
    mf_rows = {
        (_month(row), row["account_month__segment"]): row
        for row in semantic_layer.query(metrics, ["metric_time__month", "account_month__segment"])
    }
    fct_rows = {
        (str(row["month_start"]), row["segment"]): row
        for row in handmade_build.query_dicts(
            """
            select month_start, segment,
                sum(arr) as arr, sum(new_arr) as new_arr, sum(churned_arr) as churned_arr,
                sum(case when is_customer then 1 else 0 end) as customers,
                sum(cohort_starting_arr) as nrr_starting_arr, sum(cohort_ending_arr) as nrr_ending_arr,
                sum(cohort_retained_arr) as grr_retained_arr,
                sum(case when movement_type = 'churn' then 1 else 0 end) as churned_customers,
                sum(case when is_opening_customer then 1 else 0 end) as opening_customers
            from marts.fct_account_months group by month_start, segment
            """
        )
    }
    assert len({segment for _, segment in fct_rows}) > 1, "the dataset needs several segments"
    for row in fct_rows.values():
        starting = row["nrr_starting_arr"]
        row["nrr"] = float(row["nrr_ending_arr"]) / float(starting) if starting else None
        row["grr"] = float(row["grr_retained_arr"]) / float(starting) if starting else None
        opening = row["opening_customers"]
        row["logo_churn_rate"] = row["churned_customers"] / opening if opening else None
    assert not _differences(mf_rows, fct_rows, {metric: metric for metric in metrics})

    totals: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for (month, _), row in mf_rows.items():
        for metric in ("arr", "nrr_starting_arr", "nrr_ending_arr"):
            totals[month][metric] += Decimal(row[metric] or "0")
    for row in handmade_build.query_dicts(
        "select bridge.month_start, closing_arr, starting_arr, ending_arr from marts.arr_bridge as bridge"
        " left join marts.nrr_breakdown using (month_start)"
    ):
        month = str(row["month_start"])
        assert totals[month]["arr"] == row["closing_arr"], month
        if row["starting_arr"] is not None:
            assert totals[month]["nrr_starting_arr"] == row["starting_arr"], month
            assert totals[month]["nrr_ending_arr"] == row["ending_arr"], month


def test_quarters_take_balances_at_their_ends_and_sum_movements(
    semantic_layer: SemanticLayer, handmade_build: Build
) -> None:
    """ARR and NRR of a quarter are its last month's; opening ARR its first month's; movements add up."""
    metrics = ["arr", "opening_arr", "new_arr", "churned_arr", "nrr", "customers"]
    quarters = {
        row["metric_time__quarter"][:10]: row
        for row in semantic_layer.query(metrics, ["metric_time__quarter"])
    }
    months = {
        str(row["month_start"]): row
        for row in handmade_build.query_dicts(
            "select bridge.month_start, closing_arr, closing_customers, opening_arr, bridge.new_arr,"
            " bridge.churned_arr, nrr from marts.arr_bridge as bridge"
            " left join marts.nrr_breakdown using (month_start) order by month_start"
        )
    }
    by_quarter: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for month, row in months.items():
        quarter_month = (int(month[5:7]) - 1) // 3 * 3 + 1
        by_quarter[f"{month[:5]}{quarter_month:02d}-01"].append(row)
    assert len(by_quarter) >= 4
    for quarter, rows in by_quarter.items():
        first, last = rows[0], rows[-1]
        expected = {
            "arr": last["closing_arr"],
            "customers": last["closing_customers"],
            "nrr": last["nrr"],
            "opening_arr": first["opening_arr"],
            "new_arr": sum(row["new_arr"] for row in rows),
            "churned_arr": sum(row["churned_arr"] for row in rows),
        }
        for metric, value in expected.items():
            assert _same(quarters[quarter][metric], value), (
                quarter,
                metric,
                quarters[quarter][metric],
                value,
            )


def test_satisfaction_churn_and_health_metrics_equal_their_marts(
    semantic_layer: SemanticLayer, handmade_build: Build
) -> None:
    checks: list[tuple[list[str], list[str], str, list[str], dict[str, str]]] = [
        # the facts hold responses, not months: a month (or type) nobody answered in has no
        # row in mf, and a null NPS or CSAT in the mart
        (
            ["nps", "nps_responses"],
            ["metric_time__month"],
            "nps_monthly where responses > 0",
            ["month_start"],
            {"nps": "nps", "nps_responses": "responses"},
        ),
        (
            ["csat_by_interaction_type"],
            ["metric_time__month", "survey_response__interaction_type"],
            "csat_monthly where interaction_type <> 'all' and responses > 0",
            ["month_start", "interaction_type"],
            {"csat_by_interaction_type": "csat"},
        ),
        (
            ["csat"],
            ["metric_time__month"],
            "csat_monthly where interaction_type = 'all' and responses > 0",
            ["month_start"],
            {"csat": "csat"},
        ),
        (
            ["churn_share_of_customers", "churn_share_of_arr"],
            ["metric_time__month", "churn_event_reason__churn_reason"],
            "churn_drivers",
            ["month_start", "churn_reason"],
            {
                "churn_share_of_customers": "pct_of_churned_customers",
                "churn_share_of_arr": "pct_of_churned_arr",
            },
        ),
        (
            ["health_tier_customers"],
            ["metric_time__month", "account_month__health_tier"],
            "health_distribution where customers > 0",
            ["month_start", "health_tier"],
            {"health_tier_customers": "customers"},
        ),
        (
            ["at_risk_arr", "at_risk_arr_share", "at_risk_customer_share"],
            ["metric_time__month"],
            "health_distribution where health_tier = 'red' and customers > 0",
            ["month_start"],
            {
                "at_risk_arr": "arr",
                "at_risk_arr_share": "pct_of_arr",
                "at_risk_customer_share": "pct_of_customers",
            },
        ),
    ]
    for metrics, group_by, mart, keys, columns in checks:
        mf_columns = [
            "metric_time__month"
            if key == "month_start"
            else next(g for g in group_by if g.endswith("__" + key))
            for key in keys
        ]
        mf_rows = {
            tuple(row[c][:10] if c == "metric_time__month" else row[c] for c in mf_columns): row
            for row in semantic_layer.query(metrics, group_by)
        }
        mart_rows = {
            tuple(str(row[k]) for k in keys): row
            for row in handmade_build.query_dicts(f"select * from marts.{mart}")
        }
        assert mart_rows, f"{mart}: nothing compared"
        differences = _differences(mf_rows, mart_rows, columns)
        assert not differences, (mart, differences)
        # a slice only mf has (a month with CSAT responses but no NPS one) holds nothing
        extra = {key: mf_rows[key] for key in set(mf_rows) - set(mart_rows)}
        assert all(row[metric] in ("", "0") for row in extra.values() for metric in columns), (
            mart,
            extra,
        )


def test_churn_shares_over_a_quarter_are_recomputed_from_its_counts(
    semantic_layer: SemanticLayer,
) -> None:
    """Q2 2025: one churn (competitor); Q3 2024: one (price) of the quarter's one → shares of the quarter."""
    rows = semantic_layer.query(
        ["churn_share_of_customers", "reason_churned_customers", "month_churned_customers"],
        ["metric_time__quarter", "churn_event_reason__churn_reason"],
    )
    shares: dict[str, float] = defaultdict(float)
    for row in rows:
        quarter = row["metric_time__quarter"][:10]
        assert Decimal(row["month_churned_customers"]) > 0
        assert float(row["churn_share_of_customers"]) == pytest.approx(
            float(row["reason_churned_customers"]) / float(row["month_churned_customers"])
        )
        shares[quarter] += float(row["churn_share_of_customers"])
    assert shares and all(total == pytest.approx(1.0) for total in shares.values()), shares


def test_csm_book_metrics_equal_the_books_summed(
    semantic_layer: SemanticLayer, handmade_build: Build
) -> None:
    """CSM-to-account ratio, QBR completion and goals achieved over the company equal the
    sums of csm_portfolios' books (the `Unassigned` row left out of the ratio)."""
    metrics = {
        "csm_to_account_ratio": "ratio",
        "qbr_completion_rate": "qbr",
        "goals_achieved": "goals",
    }
    mf_rows = {
        (_month(row),): row for row in semantic_layer.query(list(metrics), ["metric_time__month"])
    }
    books = {
        (str(row["month_start"]),): row
        for row in handmade_build.query_dicts(
            """
            select month_start,
                sum(case when csm_user_id is not null then customers end)::double
                / nullif(count(case when csm_user_id is not null and customers > 0 then 1 end), 0) as ratio,
                sum(qbrs_completed)::double / nullif(sum(qbrs_due), 0) as qbr,
                sum(goals_achieved) as goals
            from marts.csm_portfolios group by month_start
            """
        )
    }
    assert any(row["qbr"] is not None for row in books.values()) and any(
        row["goals"] for row in books.values()
    )
    assert not _differences(mf_rows, books, metrics)


def test_net_new_metrics_are_closing_less_opening(
    semantic_layer: SemanticLayer, handmade_build: Build
) -> None:
    """Net new ARR and net new customers of a month and of a quarter are its closing less its
    opening balance in arr_bridge (the movements' identity, through mf's derived metrics)."""
    bridge = handmade_build.query_dicts("select * from marts.arr_bridge order by month_start")
    for grain in ("month", "quarter"):
        mf_rows = {
            row[f"metric_time__{grain}"][:10]: row
            for row in semantic_layer.query(
                ["net_new_arr", "net_new_customers"], [f"metric_time__{grain}"]
            )
        }
        periods: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in bridge:
            month = row["month_start"]
            start = (
                month if grain == "month" else month.replace(month=(month.month - 1) // 3 * 3 + 1)
            )
            periods[str(start)].append(row)
        assert sorted(mf_rows) == sorted(periods)
        for period, rows in periods.items():
            assert _same(
                mf_rows[period]["net_new_arr"], rows[-1]["closing_arr"] - rows[0]["opening_arr"]
            ), period
            assert _same(
                mf_rows[period]["net_new_customers"],
                rows[-1]["closing_customers"] - rows[0]["opening_customers"],
            ), period


# ---- NPS, CSAT and churn reasons sliced by segment, CSM and week, from the atomic facts

AS_OF = dt.date(2025, 6, 15)  # the hand-worked build's as_of_date


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _owner_at_month_end(
    assignments: list[dict[str, Any]], account_id: str, day: dt.date
) -> str | None:
    """The CSM owning the account at the end of the evaluation day of `day`'s month (its
    last day, or as_of_date in the current month): the latest assignment made before."""
    month_end = (_month_start(day) + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    cutoff = dt.datetime.combine(min(month_end, AS_OF) + dt.timedelta(days=1), dt.time())
    made = [
        row
        for row in assignments
        if row["account_id"] == account_id and row["assigned_at"] < cutoff
    ]
    return (
        max(made, key=lambda row: (row["assigned_at"], row["assignment_id"]))["csm_user_id"]
        if made
        else None
    )


@dataclass
class SurveyCounts:
    """NPS and CSAT counts of one slice, recomputed in Python from the staging tables."""

    nps_responses: int = 0
    nps_promoters: int = 0
    nps_detractors: int = 0
    csat_responses: int = 0
    csat_satisfied_responses: int = 0

    def add(self, survey_type: str, score: int) -> None:
        if survey_type == "nps":
            self.nps_responses += 1
            self.nps_promoters += score >= 9
            self.nps_detractors += score <= 6
        else:
            self.csat_responses += 1
            self.csat_satisfied_responses += score >= 4

    @property
    def nps(self) -> float | None:
        return (
            100 * (self.nps_promoters - self.nps_detractors) / self.nps_responses
            if self.nps_responses
            else None
        )

    @property
    def csat(self) -> float | None:
        return (
            100 * self.csat_satisfied_responses / self.csat_responses
            if self.csat_responses
            else None
        )


def _survey_counts_by(build: Build, slice_of: str) -> dict[tuple[str, str], SurveyCounts]:
    """Counts per (month, segment) or (month, CSM name) from stg_surveys__responses, the
    CRM accounts, users and assignment history: the score bands, the as_of_date cut-off and
    the point-in-time owner written again, apart from the models' SQL."""
    accounts = {
        row["account_id"]: row
        for row in build.query_dicts("select * from staging.stg_crm__accounts")
    }
    users = {
        row["user_id"]: row["full_name"]
        for row in build.query_dicts("select * from staging.stg_crm__users")
    }
    assignments = build.query_dicts("select * from staging.stg_crm__account_assignments")
    counts: dict[tuple[str, str], SurveyCounts] = defaultdict(SurveyCounts)
    for row in build.query_dicts("select * from staging.stg_surveys__responses"):
        submitted = row["submitted_at"]
        if row["score"] is None or submitted is None or submitted.date() > AS_OF:
            continue
        account = accounts.get(row["account_id"])
        if slice_of == "segment":
            key = account["segment"] if account else ""
        else:
            owner = (
                _owner_at_month_end(assignments, row["account_id"], submitted.date())
                if account
                else None
            )
            key = users[owner] if owner else ""
        counts[(str(_month_start(submitted.date())), key)].add(row["survey_type"], row["score"])
    return counts


SURVEY_COUNTS = [
    "nps_responses",
    "nps_promoters",
    "nps_detractors",
    "csat_responses",
    "csat_satisfied_responses",
]
SURVEY_METRICS = ["nps", "csat", *SURVEY_COUNTS]


@pytest.mark.parametrize(
    ("slice_of", "group_by"), [("segment", "account__segment"), ("csm", "csm__full_name")]
)
def test_nps_and_csat_by_segment_and_csm_equal_an_independent_count(
    semantic_layer: SemanticLayer, handmade_build: Build, slice_of: str, group_by: str
) -> None:
    """NPS and CSAT per month and segment (or CSM book) from mf equal the same counts made in
    Python from the staging tables, and the slices add up to nps_monthly and csat_monthly."""
    expected = _survey_counts_by(handmade_build, slice_of)
    assert len({key for _, key in expected}) > 1, f"the dataset needs several {slice_of}s"
    mf_rows = {
        (_month(row), row[group_by]): row
        for row in semantic_layer.query(SURVEY_METRICS, ["metric_time__month", group_by])
    }
    assert sorted(mf_rows) == sorted(expected)
    for key, counts in expected.items():
        for metric in SURVEY_METRICS:
            value = getattr(counts, metric)
            assert _same(mf_rows[key][metric], value), (key, metric, mf_rows[key][metric], value)

    totals: dict[str, Counter[str]] = defaultdict(Counter)
    for (month, _), row in mf_rows.items():
        totals[month].update({metric: int(row[metric]) for metric in SURVEY_COUNTS})
    for row in handmade_build.query_dicts("select * from marts.nps_monthly"):
        assert (
            totals[str(row["month_start"])]["nps_responses"],
            totals[str(row["month_start"])]["nps_promoters"],
            totals[str(row["month_start"])]["nps_detractors"],
        ) == (row["responses"], row["promoters"], row["detractors"]), row
    for row in handmade_build.query_dicts(
        "select * from marts.csat_monthly where interaction_type = 'all'"
    ):
        month = str(row["month_start"])
        assert (totals[month]["csat_responses"], totals[month]["csat_satisfied_responses"]) == (
            row["responses"],
            row["satisfied_responses"],
        ), row


def test_csm_slices_follow_the_owner_at_the_month_end(semantic_layer: SemanticLayer) -> None:
    """A001 moved from Priya Natarajan to Tom Becker on 2024-10-01: its NPS promoter of
    2024-10-01 00:00 (R027, before the move that day) counts in Tom's book, as every measure
    of October does (csm_portfolios' rule)."""
    rows = semantic_layer.query(["nps_promoters"], ["metric_time__month", "csm__full_name"])
    october = {
        row["csm__full_name"]: int(row["nps_promoters"])
        for row in rows
        if _month(row) == "2024-10-01"
    }
    assert october == {"Tom Becker": 2, "Priya Natarajan": 2}, october


def test_nps_and_csat_by_week_equal_an_independent_count(
    semantic_layer: SemanticLayer, handmade_build: Build
) -> None:
    """By ISO week (Monday), NPS and CSAT from mf equal a count made in Python from staging."""
    counts: dict[str, SurveyCounts] = defaultdict(SurveyCounts)
    for row in handmade_build.query_dicts("select * from staging.stg_surveys__responses"):
        day = row["submitted_at"].date()
        if row["score"] is not None and day <= AS_OF:
            counts[str(day - dt.timedelta(days=day.weekday()))].add(
                row["survey_type"], row["score"]
            )
    mf_rows = {
        _month(row, "metric_time__week"): row
        for row in semantic_layer.query(
            ["nps", "csat", "nps_responses", "csat_responses"], ["metric_time__week"]
        )
    }
    assert sorted(mf_rows) == sorted(counts) and len(counts) > 20
    for week, expected in counts.items():
        for metric in ("nps", "csat", "nps_responses", "csat_responses"):
            value = getattr(expected, metric)
            assert _same(mf_rows[week][metric], value), (week, metric, mf_rows[week][metric], value)


def test_churn_shares_by_segment_and_csm_add_up_and_equal_an_independent_count(
    semantic_layer: SemanticLayer, handmade_build: Build
) -> None:
    """Per month, segment (or CSM) and reason, the churn shares from mf equal the shares
    counted in Python over fct_churn_events' rows joined to the CRM segment (or the CSM
    book); the slices' counts add up to churn_drivers, and each slice's shares to 1."""
    events = handmade_build.query_dicts(
        "select events.*, accounts.segment, users.full_name from marts.fct_churn_events as events"
        " join staging.stg_crm__accounts as accounts using (account_id)"
        " left join staging.stg_crm__users as users on events.csm_user_id = users.user_id"
    )
    assert len({row["segment"] for row in events}) > 1, (
        "the dataset needs churn in several segments"
    )
    reasons = {row["churn_reason"] for row in events}
    drivers = {
        (str(row["month_start"]), row["churn_reason"]): row
        for row in handmade_build.query_dicts("select * from marts.churn_drivers")
    }
    for column, group_by in (("segment", "account__segment"), ("full_name", "csm__full_name")):
        mf_rows = {
            (_month(row), row[group_by], row["churn_event_reason__churn_reason"]): row
            for row in semantic_layer.query(
                [
                    "churn_share_of_customers",
                    "churn_share_of_arr",
                    "reason_churned_customers",
                    "reason_churned_arr",
                ],
                ["metric_time__month", group_by, "churn_event_reason__churn_reason"],
            )
        }
        slices = {(str(row["month_start"]), row[column] or "") for row in events}
        assert sorted(mf_rows) == sorted(
            (month, key, reason) for month, key in slices for reason in reasons
        )
        for (month, key, reason), row in mf_rows.items():
            in_slice = [
                event
                for event in events
                if (str(event["month_start"]), event[column] or "") == (month, key)
            ]
            attributed = [event for event in in_slice if event["churn_reason"] == reason]
            expected_arr = sum((event["churned_arr"] for event in attributed), Decimal(0))
            assert Decimal(row["reason_churned_arr"]) == expected_arr, (month, key, reason)
            slice_arr = sum(event["churned_arr"] for event in in_slice)
            assert _same(row["churn_share_of_customers"], len(attributed) / len(in_slice)), (
                month,
                key,
                reason,
            )
            assert _same(row["churn_share_of_arr"], float(expected_arr) / float(slice_arr)), (
                month,
                key,
                reason,
            )
        by_month_reason: Counter[tuple[str, str]] = Counter()
        share_sums: dict[tuple[str, str], float] = defaultdict(float)
        for (month, key, reason), row in mf_rows.items():
            by_month_reason[(month, reason)] += int(row["reason_churned_customers"])
            share_sums[(month, key)] += float(row["churn_share_of_customers"])
        assert dict(by_month_reason) == {
            key: row["churned_customers"] for key, row in drivers.items()
        }
        assert all(total == pytest.approx(1.0) for total in share_sums.values()), share_sums
