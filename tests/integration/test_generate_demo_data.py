"""Integration tests of scripts/generate_demo_data.py, run as a subprocess on small sizes.

They check the raw-source contract (files, columns, formats), determinism, that clean
output has no faults by the data-quality rules, and that the injected-fault manifest
matches an independent recount with DuckDB.
"""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SCRIPT = PROJECT_ROOT / "scripts" / "generate_demo_data.py"
RULES = PROJECT_ROOT / "seeds" / "data_quality_rules.csv"
END_DATE = "2024-06-30"
SMALL = [
    "--accounts",
    "40",
    "--months",
    "12",
    "--end-date",
    END_DATE,
    "--events-per-account",
    "1500",
]

# The raw-source contract (docs/input-contract.md), written out independently of the script.
SPEC_COLUMNS = {
    "crm_accounts": "account_id account_name industry segment region is_icp_fit is_referenceable created_at updated_at",
    "crm_users": "user_id full_name email role manager_user_id is_active created_at",
    "crm_account_assignments": "assignment_id account_id csm_user_id assigned_at",
    "crm_contacts": (
        "contact_id account_id full_name email title is_decision_maker is_promoter has_testimonial "
        "is_ambassador created_at left_at"
    ),
    "crm_opportunities": (
        "opportunity_id account_id owner_user_id opportunity_type stage amount_arr currency "
        "created_at expected_close_date closed_at is_cs_sourced expansion_reason lead_source "
        "referrer_account_id"
    ),
    "crm_opportunity_history": "opportunity_id changed_at stage amount_arr expected_close_date",
    "crm_activities": (
        "activity_id account_id owner_user_id activity_type subject priority created_at due_at "
        "completed_at"
    ),
    "crm_success_goals": "goal_id account_id objective created_at agreed_at due_date achieved_at status",
    "crm_onboardings": (
        "onboarding_id account_id started_at target_go_live_date first_value_at completed_at "
        "signoff_received sales_handover_completed decision_maker_involved"
    ),
    "crm_cancellations": (
        "cancellation_id account_id requested_at effective_date cancellation_type primary_reason "
        "product_gap_feature opt_out_clause_used notes"
    ),
    "crm_feedback": "feedback_id account_id contact_id feedback_type feature created_at",
    "billing_customers": "billing_customer_id account_id currency created_at",
    "billing_subscriptions": (
        "subscription_id billing_customer_id status billing_interval_months "
        "contract_start_date current_term_end_date has_opt_out_clause cancelled_at ended_at"
    ),
    "billing_subscription_items": (
        "subscription_item_id subscription_id product plan_code quantity unit_amount "
        "discount_percent valid_from valid_to"
    ),
    "usage_users": "user_id account_id email role created_at deactivated_at",
    "usage_events": "event_id user_id account_id event_name feature occurred_at",
    "survey_responses": "response_id survey_type account_id contact_id score interaction_type comment submitted_at",
    "support_tickets": (
        "ticket_id account_id created_at first_response_at solved_at status priority channel "
        "agent_reply_count reopen_count category"
    ),
}
TABLES = list(SPEC_COLUMNS)

# Independent recount of every (table, reason) of the data-quality rules, in SQL over the raw views.
# try_cast, not ::, since the dirty output holds values that do not parse (rule unparseable_value).
ACCOUNT_ORPHAN = (
    "select count(*) from {t} where account_id not in (select account_id from crm_accounts)"
)
ENUM = "select count(*) from {t} where lower(trim({c})) not in ({values})"
RECOUNT = {
    "duplicate_key": "select count(*) - count(distinct ({pk})) from {t}",
    ("crm_accounts", "invalid_segment"): ENUM.format(
        t="{t}", c="segment", values="'smb','mid-market','enterprise'"
    ),
    ("crm_accounts", "invalid_region"): ENUM.format(
        t="{t}", c="region", values="'na','emea','apac','latam'"
    ),
    ("crm_users", "invalid_role"): ENUM.format(
        t="{t}", c="role", values="'csm','cs manager','account executive','support agent'"
    ),
    ("crm_account_assignments", "orphan_csm_user_id"): (
        "select count(*) from {t} where csm_user_id not in (select user_id from crm_users)"
    ),
    ("crm_contacts", "left_before_created"): (
        "select count(*) from {t} where try_cast(left_at as timestamp) < try_cast(created_at as timestamp)"
    ),
    ("crm_opportunities", "invalid_opportunity_type"): ENUM.format(
        t="{t}", c="opportunity_type", values="'new_business','expansion','renewal'"
    ),
    ("crm_opportunities", "invalid_stage"): ENUM.format(
        t="{t}",
        c="stage",
        values="'signal_identified','conversation_initiated','proposal_sent','committed',"
        "'closed_won','closed_lost'",
    ),
    ("crm_opportunities", "negative_amount_arr"): (
        "select count(*) from {t} where try_cast(amount_arr as decimal(18,2)) < 0"
    ),
    ("crm_opportunity_history", "orphan_opportunity_id"): (
        "select count(*) from {t} where opportunity_id not in (select opportunity_id from crm_opportunities)"
    ),
    ("crm_activities", "invalid_activity_type"): ENUM.format(
        t="{t}", c="activity_type", values="'meeting','call','email','qbr','training','cta'"
    ),
    ("crm_activities", "completed_before_created"): (
        "select count(*) from {t} where try_cast(completed_at as timestamp) < try_cast(created_at as timestamp)"
    ),
    ("crm_success_goals", "invalid_status"): ENUM.format(
        t="{t}", c="status", values="'open','achieved','missed','cancelled'"
    ),
    ("crm_onboardings", "completed_before_started"): (
        "select count(*) from {t} where try_cast(completed_at as timestamp) < try_cast(started_at as timestamp)"
    ),
    ("crm_cancellations", "invalid_cancellation_type"): ENUM.format(
        t="{t}", c="cancellation_type", values="'full','partial'"
    ),
    ("crm_cancellations", "invalid_primary_reason"): ENUM.format(
        t="{t}",
        c="primary_reason",
        values="'product_gap','shifting_priorities','bad_fit','reorg_acquisition',"
        "'leadership_change','no_value','quality_issues','price','competitor','other'",
    ),
    ("crm_feedback", "invalid_feedback_type"): ENUM.format(
        t="{t}", c="feedback_type", values="'product_gap','feature_request','complaint','praise'"
    ),
    ("billing_customers", "missing_account_id"): (
        "select count(*) from {t} where account_id is null"
    ),
    ("billing_customers", "unknown_currency"): (
        "select count(*) from {t} where upper(trim(currency)) not in (select currency from fx)"
    ),
    ("billing_subscriptions", "orphan_billing_customer_id"): (
        "select count(*) from {t} where billing_customer_id not in (select billing_customer_id from billing_customers)"
    ),
    ("billing_subscriptions", "invalid_billing_interval"): (
        "select count(*) from {t} where billing_interval_months not in ('1','3','6','12')"
    ),
    ("billing_subscriptions", "invalid_status"): ENUM.format(
        t="{t}", c="status", values="'active','cancelled','trialing'"
    ),
    ("billing_subscriptions", "ended_before_start"): (
        "select count(*) from {t} where try_cast(ended_at as date) < try_cast(contract_start_date as date)"
    ),
    ("billing_subscription_items", "orphan_subscription_id"): (
        "select count(*) from {t} where subscription_id not in (select subscription_id from billing_subscriptions)"
    ),
    ("billing_subscription_items", "negative_quantity"): (
        "select count(*) from {t} where try_cast(quantity as int) < 0"
    ),
    ("billing_subscription_items", "negative_unit_amount"): (
        "select count(*) from {t} where try_cast(unit_amount as decimal(18,2)) < 0"
    ),
    ("billing_subscription_items", "invalid_discount_percent"): (
        "select count(*) from {t} where try_cast(discount_percent as decimal(9,2)) not between 0 and 100"
    ),
    ("billing_subscription_items", "valid_to_before_valid_from"): (
        "select count(*) from {t} where try_cast(valid_to as date) < try_cast(valid_from as date)"
    ),
    ("usage_users", "invalid_role"): ENUM.format(t="{t}", c="role", values="'admin','member'"),
    ("survey_responses", "invalid_survey_type"): ENUM.format(
        t="{t}", c="survey_type", values="'nps','csat'"
    ),
    ("survey_responses", "score_out_of_range"): (
        "select count(*) from {t} where (lower(trim(survey_type)) = 'nps' and try_cast(score as int) not between 0 and 10) "
        "or (lower(trim(survey_type)) = 'csat' and try_cast(score as int) not between 1 and 5)"
    ),
    ("support_tickets", "invalid_priority"): ENUM.format(
        t="{t}", c="priority", values="'low','normal','high','urgent'"
    ),
    ("support_tickets", "invalid_status"): ENUM.format(
        t="{t}", c="status", values="'new','open','pending','solved','closed'"
    ),
    ("support_tickets", "solved_before_created"): (
        "select count(*) from {t} where try_cast(solved_at as timestamp) < try_cast(created_at as timestamp)"
    ),
    ("support_tickets", "negative_count"): (
        "select count(*) from {t} where try_cast(agent_reply_count as int) < 0 or try_cast(reopen_count as int) < 0"
    ),
}
# The typed (non-string) columns of each table, per the spec: an injected unparseable_value is a
# value present (not null, not blank) that DuckDB cannot read as the type.
SPEC_TYPED_COLUMNS = {
    "crm_accounts": {
        "is_icp_fit": "boolean",
        "is_referenceable": "boolean",
        "created_at": "timestamp",
        "updated_at": "timestamp",
    },
    "crm_users": {"is_active": "boolean", "created_at": "timestamp"},
    "crm_account_assignments": {"assigned_at": "timestamp"},
    "crm_contacts": {
        "is_decision_maker": "boolean",
        "is_promoter": "boolean",
        "has_testimonial": "boolean",
        "is_ambassador": "boolean",
        "created_at": "timestamp",
        "left_at": "timestamp",
    },
    "crm_opportunities": {
        "amount_arr": "decimal(18,2)",
        "created_at": "timestamp",
        "expected_close_date": "date",
        "closed_at": "timestamp",
        "is_cs_sourced": "boolean",
    },
    "crm_opportunity_history": {
        "changed_at": "timestamp",
        "amount_arr": "decimal(18,2)",
        "expected_close_date": "date",
    },
    "crm_activities": {
        "created_at": "timestamp",
        "due_at": "timestamp",
        "completed_at": "timestamp",
    },
    "crm_success_goals": {
        "created_at": "timestamp",
        "agreed_at": "timestamp",
        "due_date": "date",
        "achieved_at": "timestamp",
    },
    "crm_onboardings": {
        "started_at": "timestamp",
        "target_go_live_date": "date",
        "first_value_at": "timestamp",
        "completed_at": "timestamp",
        "signoff_received": "boolean",
        "sales_handover_completed": "boolean",
        "decision_maker_involved": "boolean",
    },
    "crm_cancellations": {
        "requested_at": "timestamp",
        "effective_date": "date",
        "opt_out_clause_used": "boolean",
    },
    "crm_feedback": {"created_at": "timestamp"},
    "billing_customers": {"created_at": "timestamp"},
    "billing_subscriptions": {
        "billing_interval_months": "int",
        "contract_start_date": "date",
        "current_term_end_date": "date",
        "has_opt_out_clause": "boolean",
        "cancelled_at": "timestamp",
        "ended_at": "date",
    },
    "billing_subscription_items": {
        "quantity": "int",
        "unit_amount": "decimal(18,2)",
        "discount_percent": "decimal(18,4)",
        "valid_from": "date",
        "valid_to": "date",
    },
    "usage_users": {"created_at": "timestamp", "deactivated_at": "timestamp"},
    "usage_events": {"occurred_at": "timestamp"},
    "survey_responses": {"score": "int", "submitted_at": "timestamp"},
    "support_tickets": {
        "created_at": "timestamp",
        "first_response_at": "timestamp",
        "solved_at": "timestamp",
        "agent_reply_count": "int",
        "reopen_count": "int",
    },
}
for _table, _typed in SPEC_TYPED_COLUMNS.items():
    RECOUNT[(_table, "unparseable_value")] = "select count(*) from {t} where " + " or ".join(
        f"(trim({c}) <> '' and try_cast({c} as {kind}) is null)" for c, kind in _typed.items()
    )
PRIMARY_KEYS = {t: SPEC_COLUMNS[t].split()[0] for t in TABLES}
PRIMARY_KEYS["crm_opportunity_history"] = "opportunity_id, changed_at"


def generate(out: Path, *args: str) -> subprocess.CompletedProcess:
    """Run the generator into ``out``; fails the test on a non-zero exit."""
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(out), *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result


def connect(directory: Path, file_format: str = "csv") -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with one all-varchar view per raw table, plus the FX seed as ``fx``."""
    con = duckdb.connect()
    for t in TABLES:
        path = directory / f"{t}.{file_format}"
        reader = (
            f"read_csv('{path}', all_varchar=true, header=true)"
            if file_format == "csv"
            else f"read_parquet('{path}')"
        )
        con.execute(f"create view {t} as select * from {reader}")
    con.execute(
        f"create view fx as select * from read_csv('{PROJECT_ROOT / 'seeds' / 'fx_rates_to_usd.csv'}')"
    )
    return con


def scalar(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    """The single value of a query."""
    return con.execute(sql).fetchone()[0]


def recount_sql(table: str, reason: str) -> str:
    """The recount query of one (table, reason)."""
    if reason == "duplicate_key":
        return RECOUNT["duplicate_key"].format(t=table, pk=PRIMARY_KEYS[table])
    if reason == "orphan_account_id":
        return ACCOUNT_ORPHAN.format(t=table)
    return RECOUNT[(table, reason)].format(t=table)


def read_manifest(directory: Path) -> dict[tuple[str, str], int]:
    """The generator's fault manifest."""
    with (directory / "_injected_faults.csv").open(encoding="utf-8", newline="") as fh:
        return {(r["table_name"], r["reason"]): int(r["rows"]) for r in csv.DictReader(fh)}


def rule_keys() -> list[tuple[str, str]]:
    """The (table_name, reason) keys of the data-quality rule seed."""
    with RULES.open(encoding="utf-8", newline="") as fh:
        return [(r["table_name"], r["reason"]) for r in csv.DictReader(fh)]


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Generated landing directories shared by the tests of this module."""
    base = tmp_path_factory.mktemp("raw")
    out = {
        name: base / name
        for name in (
            "clean",
            "dirty",
            "dirty_again",
            "parquet",
            "parquet_again",
            "other_seed",
            "realism",
        )
    }
    generate(out["clean"], *SMALL, "--dirty-share", "0")
    generate(out["dirty"], *SMALL, "--dirty-share", "0.05")
    generate(out["dirty_again"], *SMALL, "--dirty-share", "0.05")
    generate(out["parquet"], *SMALL, "--dirty-share", "0.05", "--format", "parquet")
    generate(out["parquet_again"], *SMALL, "--dirty-share", "0.05", "--format", "parquet")
    generate(out["other_seed"], *SMALL, "--dirty-share", "0.05", "--seed", "7")
    generate(
        out["realism"],
        "--accounts",
        "150",
        "--months",
        "24",
        "--end-date",
        END_DATE,
        "--events-per-account",
        "300",
        "--dirty-share",
        "0",
    )
    return out


def test_help_exits_zero() -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--help"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0
    for option in (
        "--out",
        "--seed",
        "--accounts",
        "--months",
        "--end-date",
        "--format",
        "--dirty-share",
        "--preset",
    ):
        assert option in result.stdout


def test_bad_arguments_fail(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(tmp_path), "--dirty-share", "2"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode != 0
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("run_name", ["clean", "dirty"])
def test_every_table_has_exactly_the_spec_columns(runs: dict[str, Path], run_name: str) -> None:
    directory = runs[run_name]
    for table, columns in SPEC_COLUMNS.items():
        path = directory / f"{table}.csv"
        assert path.exists(), table
        with path.open(encoding="utf-8", newline="") as fh:
            header = next(csv.reader(fh))
        assert header == columns.split(), table
    raw_files = sorted(p.stem for p in directory.iterdir() if not p.name.startswith("_"))
    assert raw_files == sorted(TABLES)


def test_summary_lists_row_counts(tmp_path: Path) -> None:
    result = generate(tmp_path, "--accounts", "5", "--months", "3", "--end-date", END_DATE)
    for table in TABLES:
        assert table in result.stdout
    assert " s" in result.stdout.splitlines()[-1]


@pytest.mark.parametrize("pair", [("dirty", "dirty_again"), ("parquet", "parquet_again")])
def test_same_arguments_give_identical_bytes(runs: dict[str, Path], pair: tuple[str, str]) -> None:
    first, second = runs[pair[0]], runs[pair[1]]
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_explicit_flags_override_the_preset(tmp_path: Path) -> None:
    generate(
        tmp_path,
        "--preset",
        "large",
        "--accounts",
        "12",
        "--months",
        "4",
        "--end-date",
        END_DATE,
        "--events-per-account",
        "50",
        "--dirty-share",
        "0",
    )
    con = connect(tmp_path)
    assert scalar(con, "select count(*) from crm_accounts") == 12
    assert scalar(con, "select min(occurred_at) from usage_events") >= "2024-03-01"
    assert scalar(con, "select count(*) from usage_events") < 12 * 50 * 2


def test_another_seed_gives_other_data(runs: dict[str, Path]) -> None:
    assert (runs["dirty"] / "crm_accounts.csv").read_bytes() != (
        runs["other_seed"] / "crm_accounts.csv"
    ).read_bytes()


def test_formats_follow_the_contract(runs: dict[str, Path]) -> None:
    con = connect(runs["clean"])
    assert (
        scalar(
            con,
            "select count(*) from crm_accounts where not regexp_full_match(account_id, '[0-9]{6}')",
        )
        == 0
    )
    assert scalar(con, "select count(*) from crm_accounts where account_id like '0%'") > 0
    assert (
        scalar(
            con,
            "select count(*) from support_tickets where not regexp_full_match("
            "created_at, '\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}')",
        )
        == 0
    )
    assert (
        scalar(
            con,
            "select count(*) from billing_subscription_items where not regexp_full_match("
            "valid_from, '\\d{4}-\\d{2}-\\d{2}')",
        )
        == 0
    )
    assert (
        scalar(con, "select count(*) from crm_accounts where is_icp_fit not in ('true', 'false')")
        == 0
    )
    # values with commas and quotes survive RFC 4180 quoting: DuckDB and Python's csv agree
    assert scalar(con, "select count(*) from crm_accounts where account_name like '%,%'") > 0
    assert scalar(con, "select count(*) from crm_contacts where full_name like '%''%'") > 0
    for table in ("crm_accounts", "crm_contacts", "crm_cancellations", "survey_responses"):
        with (runs["clean"] / f"{table}.csv").open(encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))[1:]
        assert len(rows) == scalar(con, f"select count(*) from {table}"), table
        assert all(len(r) == len(SPEC_COLUMNS[table].split()) for r in rows), table


@pytest.mark.parametrize("run_name", ["clean", "realism"])
def test_clean_output_has_no_faults(runs: dict[str, Path], run_name: str) -> None:
    con = connect(runs[run_name])
    for table, reason in rule_keys():
        assert scalar(con, recount_sql(table, reason)) == 0, (table, reason)
    for table in (
        "crm_contacts",
        "crm_activities",
        "crm_opportunities",
        "crm_cancellations",
        "usage_users",
        "support_tickets",
        "survey_responses",
        "crm_onboardings",
        "crm_success_goals",
        "crm_feedback",
        "usage_events",
        "billing_customers",
        "crm_account_assignments",
    ):
        assert scalar(con, ACCOUNT_ORPHAN.format(t=table) + " or account_id is null") == 0, table
    assert (
        scalar(
            con,
            "select count(*) from usage_events where user_id not in (select user_id from usage_users)",
        )
        == 0
    )
    assert (
        scalar(
            con,
            "select count(*) from survey_responses where contact_id not in "
            "(select contact_id from crm_contacts)",
        )
        == 0
    )
    assert (
        scalar(
            con,
            "select count(*) from billing_subscription_items where quantity::int < 0 "
            "or valid_to::date <= valid_from::date",
        )
        == 0
    )
    manifest = read_manifest(runs[run_name])
    assert manifest and all(n == 0 for n in manifest.values())


def test_nothing_is_dated_after_the_end_date(runs: dict[str, Path]) -> None:
    con = connect(runs["clean"])
    limit = f"timestamp '{END_DATE} 23:59:59'"
    checks = {
        "crm_accounts": ["created_at", "updated_at"],
        "crm_contacts": ["created_at", "left_at"],
        "crm_opportunities": ["created_at", "closed_at"],
        "crm_opportunity_history": ["changed_at"],
        "crm_activities": ["created_at", "completed_at"],
        "crm_success_goals": ["achieved_at", "agreed_at"],
        "crm_onboardings": ["started_at", "first_value_at", "completed_at"],
        "crm_cancellations": ["requested_at", "effective_date"],
        "billing_subscriptions": ["ended_at", "cancelled_at"],
        "billing_subscription_items": ["valid_from"],
        "usage_events": ["occurred_at"],
        "survey_responses": ["submitted_at"],
        "support_tickets": ["solved_at", "first_response_at"],
        "usage_users": ["created_at", "deactivated_at"],
        "crm_account_assignments": ["assigned_at"],
    }
    for table, columns in checks.items():
        for column in columns:
            assert (
                scalar(con, f"select count(*) from {table} where {column}::timestamp > {limit}")
                == 0
            ), (table, column)


def test_billing_histories_are_consistent(runs: dict[str, Path]) -> None:
    con = connect(runs["realism"])
    overlaps = """
        select count(*) from billing_subscription_items a join billing_subscription_items b
          on a.subscription_id = b.subscription_id and a.product = b.product
         and a.subscription_item_id < b.subscription_item_id
         and a.valid_from::date < coalesce(b.valid_to::date, date '9999-12-31')
         and b.valid_from::date < coalesce(a.valid_to::date, date '9999-12-31')"""
    assert scalar(con, overlaps) == 0
    open_after_end = """
        select count(*) from billing_subscription_items i join billing_subscriptions s using (subscription_id)
         where s.ended_at is not null and (i.valid_to is null or i.valid_to::date > s.ended_at::date)"""
    assert scalar(con, open_after_end) == 0
    full_without_end = """
        select count(*) from crm_cancellations c where cancellation_type = 'full' and not exists (
          select 1 from billing_subscriptions s join billing_customers b using (billing_customer_id)
           where b.account_id = c.account_id and s.ended_at = c.effective_date)"""
    assert scalar(con, full_without_end) == 0


def test_manifest_matches_an_independent_recount(runs: dict[str, Path]) -> None:
    directory = runs["dirty"]
    manifest = read_manifest(directory)
    assert set(manifest) == set(rule_keys())
    con = connect(directory)
    for (table, reason), rows in manifest.items():
        assert rows >= 1, (table, reason)
        assert scalar(con, recount_sql(table, reason)) == rows, (table, reason)


def test_fault_counts_follow_the_share(runs: dict[str, Path]) -> None:
    manifest = read_manifest(runs["dirty"])
    con = connect(runs["clean"])
    for table in ("crm_activities", "support_tickets", "billing_subscription_items"):
        clean_rows = scalar(con, f"select count(*) from {table}")
        assert manifest[(table, "duplicate_key")] == max(1, round(0.05 * clean_rows)), table
    assert manifest[("usage_events", "duplicate_key")] <= 1000


def test_injected_rows_have_no_children(runs: dict[str, Path]) -> None:
    con = connect(runs["dirty"])
    assert (
        scalar(
            con,
            """select count(*) from billing_subscriptions where billing_customer_id in (
        select billing_customer_id from billing_customers where account_id is null
           or account_id not in (select account_id from crm_accounts)
           or currency not in (select currency from fx))""",
        )
        == 0
    )
    assert (
        scalar(
            con,
            """select count(*) from billing_subscription_items where subscription_id in (
        select subscription_id from billing_subscriptions where billing_interval_months not in ('1','3','6','12'))""",
        )
        == 0
    )
    assert (
        scalar(
            con,
            """select count(*) from crm_opportunity_history where opportunity_id in (
        select opportunity_id from crm_opportunities where try_cast(amount_arr as decimal(18,2)) < 0)""",
        )
        == 0
    )


def test_parquet_holds_the_same_rows_as_csv(runs: dict[str, Path]) -> None:
    assert all((runs["parquet"] / f"{t}.parquet").exists() for t in TABLES)
    assert [p.name for p in runs["parquet"].glob("*.csv")] == ["_injected_faults.csv"]
    csv_con, pq_con = connect(runs["dirty"]), connect(runs["parquet"], "parquet")
    for table in TABLES:
        columns = ", ".join(SPEC_COLUMNS[table].split())
        a = csv_con.execute(f"select {columns} from {table} order by all").fetchall()
        b = pq_con.execute(f"select {columns} from {table} order by all").fetchall()
        assert a == b, table
    assert read_manifest(runs["parquet"]) == read_manifest(runs["dirty"])


def test_the_business_looks_real(runs: dict[str, Path]) -> None:
    con = connect(runs["realism"])
    paid = "select subscription_id from billing_subscription_items where unit_amount::decimal(18,2) > 0"
    assert (
        scalar(
            con,
            f"select count(*) from billing_subscriptions where status = 'cancelled' and subscription_id in ({paid})",
        )
        > 0
    )
    # reactivation: an account with two paid subscriptions
    assert (
        scalar(
            con,
            f"""select count(*) from (select b.account_id from billing_subscriptions s
        join billing_customers b using (billing_customer_id) where subscription_id in ({paid})
        group by 1 having count(*) > 1)""",
        )
        > 0
    )
    # trials that never paid
    assert (
        scalar(
            con,
            f"""select count(*) from (select b.account_id from billing_subscriptions s
        join billing_customers b using (billing_customer_id) group by 1
        having bool_and(subscription_id not in ({paid})))""",
        )
        > 0
    )
    assert (
        scalar(con, "select count(distinct billing_interval_months) from billing_subscriptions")
        >= 3
    )
    assert (
        scalar(
            con,
            "select count(distinct currency) from billing_customers where currency in ('USD','EUR','GBP')",
        )
        == 3
    )
    assert scalar(con, "select count(distinct product) from billing_subscription_items") >= 3
    assert (
        scalar(
            con,
            "select count(*) from billing_subscription_items where discount_percent::decimal(9,2) > 0",
        )
        > 0
    )
    assert (
        scalar(con, "select count(*) from crm_cancellations where cancellation_type = 'partial'")
        > 0
    )
    # churn without a cancellation record
    assert (
        scalar(
            con,
            f"""select count(*) from billing_subscriptions s join billing_customers b using (billing_customer_id)
        where s.status = 'cancelled' and s.subscription_id in ({paid}) and not exists (
          select 1 from crm_cancellations c where c.account_id = b.account_id and c.effective_date = s.ended_at)""",
        )
        > 0
    )
    assert (
        scalar(
            con,
            "select count(*) from (select account_id from crm_account_assignments group by 1 having count(*) > 1)",
        )
        > 0
    )
    assert scalar(con, "select count(*) from crm_users where is_active = 'false'") > 0
    assert (
        scalar(
            con,
            "select count(*) from crm_activities where activity_type = 'cta' and completed_at is null",
        )
        > 0
    )
    assert scalar(con, "select count(*) from crm_activities where activity_type = 'qbr'") > 0
    assert scalar(con, "select count(*) from crm_contacts where left_at is not null") > 0
    assert (
        scalar(
            con,
            "select count(distinct interaction_type) from survey_responses where survey_type = 'csat'",
        )
        == 3
    )
    # health drives satisfaction: accounts that churned answered NPS lower than the others
    churned_nps, other_nps = con.execute(f"""
        with churned as (select distinct b.account_id from billing_subscriptions s
          join billing_customers b using (billing_customer_id)
          where s.status = 'cancelled' and s.subscription_id in ({paid}))
        select avg(score::int) filter (where account_id in (select account_id from churned)),
               avg(score::int) filter (where account_id not in (select account_id from churned))
        from survey_responses where survey_type = 'nps'""").fetchone()
    assert churned_nps < other_nps
