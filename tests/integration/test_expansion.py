"""Expansion and upsell marts on the hand-worked dataset.

upsells_quarterly and upsell_reasons_quarterly must equal the values worked out by hand in
tests/fixtures/handmade/README.md ("Expansion and upsells") and written to expected/*.csv.
Counts and money are compared exactly; rates to 1e-9; an empty field means null. `mf query`
by quarter returns the marts' numbers.
"""

from __future__ import annotations

import pytest

from conftest import Build, SemanticLayer, differences_from_expected, same_value

# mart -> the columns that identify a row
MART_KEYS = {
    "upsells_quarterly": ["quarter_start"],
    "upsell_reasons_quarterly": ["quarter_start", "expansion_reason"],
}
FLOAT_COLUMNS = {
    "upsell_rate",
    "mid_contract_upsell_rate",
    "avg_upsell_value",
    "avg_upsell_pct",
    "expansion_revenue_rate",
    "downgrade_rate",
    "share_of_upsold_customers",
}


@pytest.mark.parametrize("mart", sorted(MART_KEYS))
def test_mart_matches_hand_worked_values(handmade_build: Build, mart: str) -> None:
    differences = differences_from_expected(handmade_build, mart, MART_KEYS[mart], FLOAT_COLUMNS)
    assert not differences, "\n".join(differences)


def test_upsells_quarterly_are_the_customer_quarter_fact_summed(handmade_build: Build) -> None:
    """The rollup and the atomic fact the semantic layer reads hold the same counts and ARR."""
    differences = handmade_build.query(
        """
        with fact as (
            select
                quarter_start,
                count(*) as customers,
                sum(case when is_upsold then 1 else 0 end) as upsold,
                sum(case when is_mid_contract_upsold then 1 else 0 end) as mid_contract,
                sum(upsell_arr) as upsell_arr
            from marts.fct_customer_quarters
            group by quarter_start
        )
        select quarterly.quarter_start
        from marts.upsells_quarterly as quarterly
        left join fact on quarterly.quarter_start = fact.quarter_start
        where coalesce(fact.customers, 0) <> quarterly.customers_at_start
           or coalesce(fact.upsold, 0) <> quarterly.upsold_customers
           or coalesce(fact.mid_contract, 0) <> quarterly.mid_contract_upsold_customers
           or coalesce(fact.upsell_arr, 0) <> quarterly.upsell_arr
        """
    )
    assert differences == []


def test_every_expansion_of_a_monthly_plan_is_at_renewal(handmade_build: Build) -> None:
    """Every account that expanded in the hand-worked data has a monthly subscription, which
    renews within 30 days of every month end: no expansion there is mid-contract."""
    rows = handmade_build.query(
        "select account_id, expansion_timing"
        " from intermediate.int_account_months_expansion_classified"
        " where expansion_timing is not null order by month_start"
    )
    assert rows == [
        ("A007", "at_renewal"),
        ("A005", "at_renewal"),
        ("A001", "at_renewal"),
        ("A006", "at_renewal"),
        ("A001", "at_renewal"),
        ("A008", "at_renewal"),
    ]


# (metrics, group by, mart and filter, mart keys, metric -> mart column)
MF_CHECKS: list[tuple[list[str], list[str], str, list[str], dict[str, str]]] = [
    (
        [
            "customers_at_quarter_start",
            "upsold_customers",
            "upsell_rate",
            "mid_contract_upsold_customers",
            "mid_contract_upsell_rate",
            "upsell_arr",
            "avg_upsell_value",
            "avg_upsell_pct",
            "downgraded_customers",
            "downgrade_rate",
        ],
        ["metric_time__quarter"],
        # the fact holds customer-quarters: a quarter without customers at its start has no row
        "upsells_quarterly where customers_at_start > 0",
        ["quarter_start"],
        {
            "customers_at_quarter_start": "customers_at_start",
            "upsold_customers": "upsold_customers",
            "upsell_rate": "upsell_rate",
            "mid_contract_upsold_customers": "mid_contract_upsold_customers",
            "mid_contract_upsell_rate": "mid_contract_upsell_rate",
            "upsell_arr": "upsell_arr",
            "avg_upsell_value": "avg_upsell_value",
            "avg_upsell_pct": "avg_upsell_pct",
            "downgraded_customers": "downgraded_customers",
            "downgrade_rate": "downgrade_rate",
        },
    ),
    (
        ["expansion_revenue_rate"],
        ["metric_time__quarter"],
        "upsells_quarterly",
        ["quarter_start"],
        {"expansion_revenue_rate": "expansion_revenue_rate"},
    ),
    (
        ["upsell_reason_share", "upsold_customers_with_reason"],
        ["metric_time__quarter", "upsell_reason__expansion_reason"],
        "upsell_reasons_quarterly",
        ["quarter_start", "expansion_reason"],
        {
            "upsell_reason_share": "share_of_upsold_customers",
            "upsold_customers_with_reason": "upsold_customers",
        },
    ),
]


@pytest.mark.parametrize(("metrics", "group_by", "mart", "keys", "columns"), MF_CHECKS)
def test_mf_query_by_quarter_equals_the_mart(
    semantic_layer: SemanticLayer,
    handmade_build: Build,
    metrics: list[str],
    group_by: list[str],
    mart: str,
    keys: list[str],
    columns: dict[str, str],
) -> None:
    mf_rows = {
        # the time dimensions to their date; the other dimensions whole (`new_use_case`)
        tuple(
            row[column][:10] if column.startswith("metric_time") else row[column]
            for column in group_by
        ): row
        for row in semantic_layer.query(metrics, group_by)
    }
    mart_rows = {
        tuple(str(row[key]) for key in keys): row
        for row in handmade_build.query_dicts(f"select * from marts.{mart}")
    }
    assert mart_rows, f"{mart}: nothing compared"
    differences = [
        f"{key} {metric}: mf {mf_rows[key][metric]!r}, mart {column} {row[column]!r}"
        for key, row in sorted(mart_rows.items())
        for metric, column in columns.items()
        if key not in mf_rows
        or not same_value(row[column], mf_rows[key][metric], isinstance(row[column], float))
    ]
    assert not differences, differences
