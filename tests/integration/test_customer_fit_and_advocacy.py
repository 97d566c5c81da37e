"""Customer fit and advocacy marts on the hand-worked dataset.

customer_fit_quarterly, product_gaps, advocates and advocacy_monthly must equal the values
worked out by hand in tests/fixtures/handmade/README.md ("Customer fit and advocacy") and
written to expected/*.csv. Counts and money compare exactly, rates to 1e-9, an empty field
means null. The atomic facts summed give the marts, and two batched `mf query` calls (by
quarter; by product-gap feature) return each new metric equal to its mart.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

import pytest

from conftest import Build, SemanticLayer, differences_from_expected, same_value

MARTS = {
    "customer_fit_quarterly": (["quarter_start"], {"opt_out_rate"}),
    "product_gaps": (["as_of_date", "feature"], {"pct_of_customers"}),
    "advocates": (["list_name", "person_id"], set()),
    "advocacy_monthly": (
        ["month_start"],
        {"referenceable_customer_share", "referral_participation_rate", "referral_conversion_rate"},
    ),
}


@pytest.mark.parametrize("mart", sorted(MARTS))
def test_mart_matches_hand_worked_values(handmade_build: Build, mart: str) -> None:
    keys, float_columns = MARTS[mart]
    differences = differences_from_expected(handmade_build, mart, keys, float_columns)
    assert not differences, "\n".join(differences)


def test_marts_are_the_atomic_facts_summed(handmade_build: Build) -> None:
    """customer_fit_quarterly is fct_customer_fit_quarters summed, its bad-fit churn the
    bad-fit churn events of fct_churn_events; product_gaps is fct_product_gap_customers summed."""
    differences = handmade_build.query(
        """
        with fit as (
            select quarter_start, sum(churned_deals) as churned,
                sum(bad_fit_churned_deals) as bad_fit, sum(bad_fit_churned_arr) as bad_fit_arr,
                sum(case when has_opt_out_clause then 1 else 0 end) as with_clause,
                sum(opt_out_churned_deals) as opt_out, sum(opt_out_churned_arr) as opt_out_arr
            from marts.fct_customer_fit_quarters group by quarter_start
        ),
        events as (
            select cast(date_trunc('quarter', month_start) as date) as quarter_start,
                count(*) as churned,
                sum(case when is_bad_fit then 1 else 0 end) as bad_fit,
                sum(case when is_bad_fit then churned_arr else 0 end) as bad_fit_arr
            from marts.fct_churn_events group by 1
        )
        select 'fit', mart.quarter_start
        from marts.customer_fit_quarterly as mart
        full outer join fit on mart.quarter_start = fit.quarter_start
        left join events on mart.quarter_start = events.quarter_start
        where mart.quarter_start is null or fit.quarter_start is null
           or fit.churned <> mart.churned_customers
           or fit.bad_fit <> mart.bad_fit_churned_customers
           or fit.bad_fit_arr <> mart.bad_fit_churned_arr
           or fit.with_clause <> mart.customers_with_opt_out_clause
           or fit.opt_out <> mart.opt_out_churned_customers
           or fit.opt_out_arr <> mart.opt_out_churned_arr
           or coalesce(events.churned, 0) <> mart.churned_customers
           or coalesce(events.bad_fit, 0) <> mart.bad_fit_churned_customers
           or coalesce(events.bad_fit_arr, 0) <> mart.bad_fit_churned_arr
        union all
        select 'gaps', mart.as_of_date
        from marts.product_gaps as mart
        full outer join (
            select feature, count(*) as customers, sum(lost_arr) as lost_arr,
                sum(at_risk_arr) as at_risk_arr
            from marts.fct_product_gap_customers group by feature
        ) as fact on mart.feature = fact.feature
        where mart.feature is null or fact.feature is null
           or fact.customers <> mart.customers
           or fact.lost_arr <> mart.lost_arr
           or fact.at_risk_arr <> mart.at_risk_arr
        """
    )
    assert differences == []


QUARTER_METRICS = [
    "bad_fit_churned_customers",
    "bad_fit_churned_arr",
    "opt_out_rate",
    "opt_out_churned_arr",
    "referenceable_customer_share",
    "referral_participation_rate",
    "referral_won_arr",
    "referral_conversion_rate",
    "referral_pipeline_arr",
]
FLOAT_METRICS = {
    "opt_out_rate",
    "referenceable_customer_share",
    "referral_participation_rate",
    "referral_conversion_rate",
}


def _quarter_values_from_marts(build: Build) -> dict[str, dict[str, Any]]:
    """Each metric's value per quarter as the marts give it: customer_fit_quarterly as is;
    the month-end shares of advocacy_monthly in the quarter's last month; its won ARR and
    closed deals summed over the quarter's months."""
    quarters: dict[str, dict[str, Any]] = defaultdict(dict)
    for row in build.query_dicts("select * from marts.customer_fit_quarterly"):
        quarter = str(row["quarter_start"])
        for metric in QUARTER_METRICS[:4]:
            quarters[quarter][metric] = row[metric]
    won: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in build.query_dicts("select * from marts.advocacy_monthly order by month_start"):
        month = row["month_start"]
        quarter = str(month.replace(month=(month.month - 1) // 3 * 3 + 1))
        # ordered by month: the quarter's last month is written last
        quarters[quarter]["referenceable_customer_share"] = row["referenceable_customer_share"]
        quarters[quarter]["referral_participation_rate"] = row["referral_participation_rate"]
        quarters[quarter]["referral_won_arr"] = (
            quarters[quarter].get("referral_won_arr", Decimal(0)) + row["referral_won_arr"]
        )
        won[quarter][0] += row["referral_opportunities_won"]
        won[quarter][1] += row["referral_opportunities_closed"]
    for quarter, (won_deals, closed_deals) in won.items():
        quarters[quarter]["referral_conversion_rate"] = (
            won_deals / closed_deals if closed_deals else None
        )
    return quarters


def test_mf_query_by_quarter_equals_the_marts(
    semantic_layer: SemanticLayer, handmade_build: Build
) -> None:
    mf_rows = {
        row["metric_time__quarter"][:10]: row
        for row in semantic_layer.query(QUARTER_METRICS, ["metric_time__quarter"])
    }
    expected = _quarter_values_from_marts(handmade_build)
    assert len(expected) == 6, sorted(expected)
    differences = []
    for quarter, values in sorted(expected.items()):
        for metric, value in values.items():
            got = mf_rows.get(quarter, {}).get(metric, "")
            if metric in FLOAT_METRICS:
                same = same_value(got or None, "" if value is None else str(value), True)
            else:
                # a sum over no rows of its fact in the quarter is left empty by mf: zero
                cents = Decimal("0.01")
                same = Decimal(got or 0).quantize(cents) == Decimal(value).quantize(cents)
            if not same:
                differences.append(f"{quarter} {metric}: mf {got!r}, mart {value!r}")
    assert not differences, differences
    # the pipeline is counted by creation quarter: summed, it is the pipeline at as_of_date
    pipeline = sum(Decimal(row["referral_pipeline_arr"] or 0) for row in mf_rows.values())
    current = handmade_build.query(
        "select referral_pipeline_arr from marts.advocacy_monthly order by month_start desc limit 1"
    )
    assert pipeline == current[0][0] == Decimal("2700.00")


def test_mf_query_by_feature_equals_product_gaps(
    semantic_layer: SemanticLayer, handmade_build: Build
) -> None:
    metrics = {
        "product_gap_customers": "customers",
        "product_gap_lost_arr": "lost_arr",
        "product_gap_at_risk_arr": "at_risk_arr",
    }
    mf_rows = {
        row["product_gap_customer__feature"]: row
        for row in semantic_layer.query(sorted(metrics), ["product_gap_customer__feature"])
    }
    mart_rows = {
        row["feature"]: row
        for row in handmade_build.query_dicts("select * from marts.product_gaps")
    }
    assert sorted(mf_rows) == sorted(mart_rows) == ["Audit log", "Shopify integration"]
    differences = [
        f"{feature} {metric}: mf {mf_rows[feature][metric]!r}, mart {row[column]!r}"
        for feature, row in mart_rows.items()
        for metric, column in metrics.items()
        if Decimal(mf_rows[feature][metric]) != Decimal(row[column])
    ]
    assert not differences, differences
