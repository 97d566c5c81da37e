"""The executive scorecard and the KPI targets on the hand-worked dataset.

executive_scorecard must equal the values worked out by hand in
tests/fixtures/handmade/README.md ("Executive scorecard and targets") and written to
expected/executive_scorecard.csv (every KPI but the at-risk ones, whose health scores are
not worked by hand before May 2025: they are held to health_distribution and the semantic
layer instead). Every value must also be its mart's for the same quarter, and what `mf
query` returns by quarter.
"""

from __future__ import annotations

import csv

from conftest import EXPECTED_DIR, Build, SemanticLayer, same_value

MART = "executive_scorecard"
KEYS = ("quarter_start", "kpi_name")
FLOAT_COLUMNS = {"value", "value_year_ago", "target"}
AT_RISK = ("at_risk_customers", "at_risk_customer_share", "at_risk_arr", "at_risk_arr_share")


def render(value: object) -> str:
    return "" if value is None else str(value)[:10] if hasattr(value, "isoformat") else str(value)


def test_mart_matches_hand_worked_values(handmade_build: Build) -> None:
    with (EXPECTED_DIR / f"{MART}.csv").open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        columns, expected_rows = list(reader.fieldnames or []), list(reader)
    actual_rows = handmade_build.query_dicts(f"select {', '.join(columns)} from marts.{MART}")
    expected = {tuple(row[k] for k in KEYS): row for row in expected_rows}
    actual = {
        tuple(render(row[k]) for k in KEYS): row
        for row in actual_rows
        if row["kpi_name"] not in AT_RISK
    }
    assert len(actual_rows) == len(actual) + 6 * len(AT_RISK), "one row per quarter and KPI"
    assert sorted(actual) == sorted(expected)
    differences = [
        f"{key} {column}: got {render(actual[key][column])!r}, expected {row[column]!r}"
        for key, row in sorted(expected.items())
        for column in columns
        if column not in KEYS
        and not same_value(actual[key][column], row[column], column in FLOAT_COLUMNS)
    ]
    assert not differences, "\n".join(differences)


def test_values_are_their_marts_for_the_same_quarter(handmade_build: Build) -> None:
    """Each KPI against the mart it comes from: balances at the quarter's last month,
    flows and counts summed over its months; none missing, none different."""
    mismatches = handmade_build.query(
        f"""
        with sc as (
            select quarter_start, kpi_name, breakdown_value, value from marts.{MART}
        ),
        last_months as (
            select date_trunc('quarter', month_start) as quarter_start, max(month_start) as month_start
            from marts.arr_bridge group by 1
        ),
        bridge as (
            select date_trunc('quarter', b.month_start) as quarter_start,
                sum(b.churned_arr + b.contraction_arr)
                / nullif(sum(case when b.month_start = date_trunc('quarter', b.month_start) then b.opening_arr end), 0)
                    as gross_revenue_churn_rate,
                sum(b.churned_customers)
                / nullif(sum(case when b.month_start = date_trunc('quarter', b.month_start) then b.opening_customers end), 0)
                    as logo_churn_rate
            from marts.arr_bridge as b group by 1
        ),
        from_marts as (
            select l.quarter_start, 'nrr' as kpi_name, n.nrr as value
            from last_months as l left join marts.nrr_breakdown as n on l.month_start = n.month_start
            union all
            select l.quarter_start, 'logo_retention_rate', n.logo_retention_rate
            from last_months as l left join marts.nrr_breakdown as n on l.month_start = n.month_start
            union all
            select quarter_start, 'gross_revenue_churn_rate', gross_revenue_churn_rate from bridge
            union all
            select quarter_start, 'logo_churn_rate', logo_churn_rate from bridge
            union all
            select quarter_start, 'upsell_rate', upsell_rate from marts.upsells_quarterly
            union all
            select quarter_start, 'mid_contract_upsell_rate', mid_contract_upsell_rate from marts.upsells_quarterly
            union all
            select quarter_start, 'avg_upsell_value', avg_upsell_value from marts.upsells_quarterly
            union all
            select quarter_start, 'avg_upsell_pct', avg_upsell_pct from marts.upsells_quarterly
            union all
            select quarter_start, 'upsell_reason_share__' || expansion_reason, share_of_upsold_customers
            from marts.upsell_reasons_quarterly
            union all
            select date_trunc('quarter', month_start), 'csat_by_interaction_type__' || interaction_type,
                100.0 * sum(satisfied_responses) / nullif(sum(responses), 0)
            from marts.csat_monthly where interaction_type <> 'all' group by 1, 2
            union all
            select date_trunc('quarter', month_start), 'nps',
                100.0 * (sum(promoters) - sum(detractors)) / nullif(sum(responses), 0)
            from marts.nps_monthly group by 1
            union all
            select date_trunc('quarter', month_start), 'churn_share_of_customers__' || churn_reason,
                sum(churned_customers) / sum(month_churned_customers)
            from marts.churn_drivers group by 1, 2
            union all
            select l.quarter_start, 'csm_to_account_ratio',
                sum(case when p.csm_user_id is not null then p.customers end)
                / nullif(count(distinct case when p.customers > 0 then p.csm_user_id end), 0)
            from last_months as l left join marts.csm_portfolios as p on l.month_start = p.month_start
            group by 1
            union all
            select l.quarter_start, 'at_risk_customers', h.customers
            from last_months as l inner join marts.health_distribution as h
                on l.month_start = h.month_start and h.health_tier = 'red'
            union all
            select l.quarter_start, 'at_risk_arr', h.arr
            from last_months as l inner join marts.health_distribution as h
                on l.month_start = h.month_start and h.health_tier = 'red'
            union all
            select l.quarter_start, 'at_risk_customer_share', h.pct_of_customers
            from last_months as l inner join marts.health_distribution as h
                on l.month_start = h.month_start and h.health_tier = 'red'
            union all
            select l.quarter_start, 'at_risk_arr_share', h.pct_of_arr
            from last_months as l inner join marts.health_distribution as h
                on l.month_start = h.month_start and h.health_tier = 'red'
            union all
            select quarter_start, 'bad_fit_churned_customers', bad_fit_churned_customers
            from marts.customer_fit_quarterly
            union all
            select quarter_start, 'bad_fit_churned_arr', bad_fit_churned_arr from marts.customer_fit_quarterly
            union all
            select quarter_start, 'opt_out_rate', opt_out_rate from marts.customer_fit_quarterly
            union all
            select quarter_start, 'opt_out_churned_arr', opt_out_churned_arr from marts.customer_fit_quarterly
            union all
            select date_trunc('quarter', as_of_date), 'product_gap_customers__' || feature, customers
            from marts.product_gaps
            union all
            select date_trunc('quarter', as_of_date), 'product_gap_lost_arr__' || feature, lost_arr
            from marts.product_gaps
            union all
            select date_trunc('quarter', as_of_date), 'product_gap_at_risk_arr__' || feature, at_risk_arr
            from marts.product_gaps
            union all
            select l.quarter_start, 'referenceable_customer_share', a.referenceable_customer_share
            from last_months as l inner join marts.advocacy_monthly as a on l.month_start = a.month_start
        )
        select coalesce(sc.quarter_start, m.quarter_start), coalesce(sc.kpi_name, m.kpi_name), sc.value, m.value
        from sc
        full outer join from_marts as m
            on sc.quarter_start = m.quarter_start and sc.kpi_name = m.kpi_name
        where (m.kpi_name is null and sc.value is not null)
           or (sc.kpi_name is null and m.value is not null)
           or abs(sc.value - m.value) > 1e-9
           or (sc.value is null) <> (m.value is null)
        """
    )
    assert mismatches == []


def test_at_risk_of_the_current_quarter_worked_by_hand(handmade_build: Build) -> None:
    """Q2 2025 to 2025-06-15: one red customer, A003 (13,335.00), of 8 customers and
    100,836.08 ARR, as expected/health_distribution.csv has June 2025."""
    rows = dict(
        handmade_build.query(
            f"select kpi_name, value from marts.{MART} "
            f"where quarter_start = date '2025-04-01' and kpi_name like 'at_risk%'"
        )
    )
    assert rows["at_risk_customers"] == 1
    assert rows["at_risk_arr"] == 13335.00
    assert same_value(rows["at_risk_customer_share"], str(1 / 8), True)
    assert same_value(rows["at_risk_arr_share"], str(13335.00 / 100836.08), True)


METRICS = [
    "nrr",
    "logo_retention_rate",
    "gross_revenue_churn_rate",
    "logo_churn_rate",
    "upsell_rate",
    "mid_contract_upsell_rate",
    "avg_upsell_value",
    "avg_upsell_pct",
    "nps",
    "csm_to_account_ratio",
    "opt_out_rate",
    "opt_out_churned_arr",
    "referenceable_customer_share",
    *AT_RISK,
]


def test_mf_query_by_quarter_equals_the_scorecard(
    semantic_layer: SemanticLayer, handmade_build: Build
) -> None:
    """One batched `mf query` of the single-valued KPIs by quarter; a quarter mf does not
    return (no rows in the metric's fact) must be null in the scorecard.

    Except the at-risk KPIs in a quarter whose last month has no red customer (Q3 2024):
    MetricFlow filters the red rows first and then takes the last month *that has one*
    (August 2024: A004 and A005), where the scorecard, like
    health_distribution and csm_portfolios, counts the red customers at the quarter's end
    (none). Those quarters are held to health_distribution above."""
    mf_rows = {
        row["metric_time__quarter"][:10]: row
        for row in semantic_layer.query(METRICS, ["metric_time__quarter"])
    }
    scorecard = handmade_build.query_dicts(
        f"select quarter_start, kpi_name, value from marts.{MART} "
        f"where kpi_name in ({', '.join(repr(m) for m in METRICS)})"
    )
    assert len(scorecard) == 6 * len(METRICS)
    no_red_at_quarter_end = {
        str(row["quarter_start"])
        for row in scorecard
        if row["kpi_name"] == "at_risk_customers" and row["value"] == 0
    }
    assert no_red_at_quarter_end == {"2024-07-01"}
    differences = [
        f"{row['quarter_start']} {row['kpi_name']}: scorecard {row['value']!r}, mf {mf!r}"
        for row in scorecard
        if not (row["kpi_name"] in AT_RISK and str(row["quarter_start"]) in no_red_at_quarter_end)
        for mf in [mf_rows.get(str(row["quarter_start"]), {}).get(row["kpi_name"]) or ""]
        if not same_value(row["value"], mf, True, 1e-6)
    ]
    assert not differences, "\n".join(differences)
