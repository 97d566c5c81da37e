"""The registry of fault mutators: per (table, reason), which clean rows qualify and how to break one.

``unparseable_value`` writes a string that cannot be read as the column's type (quantity
'twelve', unit_amount '12,50', valid_from '2025-13-45', a boolean 'maybe') into one typed
column. Where the catalogue repairs the row (its unreadable value becomes null and the row
stays), only columns whose null sets off no other rule are used.
"""

from __future__ import annotations

from collections.abc import Callable

from .fault_mutators import (
    FaultContext,
    Row,
    end_before,
    ended_before_start,
    invalid_discount,
    invalid_survey_type,
    missing_account_id,
    negative,
    negative_count,
    orphan_ref,
    score_out_of_range,
    setter,
    unparseable,
    unparseable_history,
)

# Per (table, reason): (template filter, mutator). duplicate_key is handled generically.
Filter = Callable[[Row], bool]
ANY: Filter = lambda row: True
MUTATORS: dict[tuple[str, str], tuple[Filter, Callable[[Row, FaultContext], Row]]] = {
    # unparseable_value: set-aside tables use every typed column; the repaired ones
    # (crm_accounts, crm_users, billing_customers, billing_subscriptions) only columns whose
    # null sets off no other rule (never billing_interval_months: null is invalid_billing_interval).
    ("crm_accounts", "unparseable_value"): (
        ANY,
        unparseable(
            ("is_icp_fit", "bool"),
            ("is_referenceable", "bool"),
            ("created_at", "timestamp"),
            ("updated_at", "timestamp"),
        ),
    ),
    ("crm_users", "unparseable_value"): (
        ANY,
        unparseable(("is_active", "bool"), ("created_at", "timestamp")),
    ),
    ("crm_account_assignments", "unparseable_value"): (
        ANY,
        unparseable(("assigned_at", "timestamp")),
    ),
    ("crm_contacts", "unparseable_value"): (
        ANY,
        unparseable(
            ("is_decision_maker", "bool"),
            ("is_promoter", "bool"),
            ("has_testimonial", "bool"),
            ("is_ambassador", "bool"),
            ("created_at", "timestamp"),
            ("left_at", "timestamp"),
        ),
    ),
    ("crm_opportunities", "unparseable_value"): (
        ANY,
        unparseable(
            ("amount_arr", "decimal"),
            ("is_cs_sourced", "bool"),
            ("expected_close_date", "date"),
            ("created_at", "timestamp"),
            ("closed_at", "timestamp"),
        ),
    ),
    ("crm_opportunity_history", "unparseable_value"): (ANY, unparseable_history),
    ("crm_activities", "unparseable_value"): (
        ANY,
        unparseable(
            ("created_at", "timestamp"), ("due_at", "timestamp"), ("completed_at", "timestamp")
        ),
    ),
    ("crm_success_goals", "unparseable_value"): (
        ANY,
        unparseable(
            ("due_date", "date"),
            ("created_at", "timestamp"),
            ("agreed_at", "timestamp"),
            ("achieved_at", "timestamp"),
        ),
    ),
    ("crm_onboardings", "unparseable_value"): (
        ANY,
        unparseable(
            ("signoff_received", "bool"),
            ("sales_handover_completed", "bool"),
            ("decision_maker_involved", "bool"),
            ("target_go_live_date", "date"),
            ("started_at", "timestamp"),
            ("first_value_at", "timestamp"),
            ("completed_at", "timestamp"),
        ),
    ),
    ("crm_cancellations", "unparseable_value"): (
        ANY,
        unparseable(
            ("opt_out_clause_used", "bool"),
            ("effective_date", "date"),
            ("requested_at", "timestamp"),
        ),
    ),
    ("crm_feedback", "unparseable_value"): (ANY, unparseable(("created_at", "timestamp"))),
    ("billing_customers", "unparseable_value"): (ANY, unparseable(("created_at", "timestamp"))),
    ("billing_subscriptions", "unparseable_value"): (
        ANY,
        unparseable(
            ("has_opt_out_clause", "bool"),
            ("current_term_end_date", "date"),
            ("cancelled_at", "timestamp"),
        ),
    ),
    ("billing_subscription_items", "unparseable_value"): (
        ANY,
        unparseable(
            ("quantity", "int"),
            ("unit_amount", "decimal"),
            ("discount_percent", "decimal"),
            ("valid_from", "date"),
            ("valid_to", "date"),
        ),
    ),
    ("usage_users", "unparseable_value"): (
        ANY,
        unparseable(("created_at", "timestamp"), ("deactivated_at", "timestamp")),
    ),
    ("usage_events", "unparseable_value"): (ANY, unparseable(("occurred_at", "timestamp"))),
    ("survey_responses", "unparseable_value"): (
        ANY,
        unparseable(("score", "int"), ("submitted_at", "timestamp")),
    ),
    ("support_tickets", "unparseable_value"): (
        ANY,
        unparseable(
            ("agent_reply_count", "int"),
            ("reopen_count", "int"),
            ("created_at", "timestamp"),
            ("first_response_at", "timestamp"),
            ("solved_at", "timestamp"),
        ),
    ),
    ("crm_accounts", "invalid_segment"): (
        ANY,
        setter("segment", ("Gold", "Strategic", "Startup", "Tier 1")),
    ),
    ("crm_accounts", "invalid_region"): (
        ANY,
        setter("region", ("Mars", "EU-West", "Antarctica", "Global")),
    ),
    ("crm_users", "invalid_role"): (
        ANY,
        setter("role", ("Intern", "Sales Engineer", "Solutions Consultant")),
    ),
    ("crm_account_assignments", "orphan_account_id"): (
        ANY,
        orphan_ref("account_id", "crm_accounts"),
    ),
    ("crm_account_assignments", "orphan_csm_user_id"): (
        ANY,
        orphan_ref("csm_user_id", "crm_users"),
    ),
    ("crm_contacts", "orphan_account_id"): (ANY, orphan_ref("account_id", "crm_accounts")),
    ("crm_contacts", "left_before_created"): (ANY, end_before("left_at", "created_at")),
    ("crm_opportunities", "orphan_account_id"): (
        ANY,
        orphan_ref("account_id", "crm_accounts", ("referrer_account_id",)),
    ),
    ("crm_opportunities", "invalid_opportunity_type"): (
        ANY,
        setter("opportunity_type", ("upsell-ish", "cross_sell", "renewal?")),
    ),
    ("crm_opportunities", "invalid_stage"): (
        ANY,
        setter("stage", ("won-ish", "negotiation", "closed_maybe")),
    ),
    ("crm_opportunities", "negative_amount_arr"): (
        lambda r: float(r["amount_arr"]) > 0,
        negative("amount_arr"),
    ),
    ("crm_opportunity_history", "orphan_opportunity_id"): (
        ANY,
        orphan_ref("opportunity_id", "crm_opportunities"),
    ),
    ("crm_activities", "orphan_account_id"): (ANY, orphan_ref("account_id", "crm_accounts")),
    ("crm_activities", "invalid_activity_type"): (
        ANY,
        setter("activity_type", ("lunch", "webinar", "sms")),
    ),
    ("crm_activities", "completed_before_created"): (ANY, end_before("completed_at", "created_at")),
    ("crm_success_goals", "orphan_account_id"): (ANY, orphan_ref("account_id", "crm_accounts")),
    ("crm_success_goals", "invalid_status"): (
        ANY,
        setter("status", ("done", "in_progress", "paused")),
    ),
    ("crm_onboardings", "orphan_account_id"): (ANY, orphan_ref("account_id", "crm_accounts")),
    ("crm_onboardings", "completed_before_started"): (
        ANY,
        end_before("completed_at", "started_at"),
    ),
    ("crm_cancellations", "orphan_account_id"): (ANY, orphan_ref("account_id", "crm_accounts")),
    ("crm_cancellations", "invalid_cancellation_type"): (
        ANY,
        setter("cancellation_type", ("total", "downgrade", "pause")),
    ),
    ("crm_cancellations", "invalid_primary_reason"): (
        ANY,
        setter("primary_reason", ("budget_cut", "aliens", "merger?")),
    ),
    ("crm_feedback", "orphan_account_id"): (
        ANY,
        orphan_ref("account_id", "crm_accounts", ("contact_id",)),
    ),
    ("crm_feedback", "invalid_feedback_type"): (
        ANY,
        setter("feedback_type", ("rant", "idea", "bug_report")),
    ),
    ("billing_customers", "missing_account_id"): (ANY, missing_account_id),
    ("billing_customers", "orphan_account_id"): (ANY, orphan_ref("account_id", "crm_accounts")),
    ("billing_customers", "unknown_currency"): (ANY, setter("currency", ("JPY", "CHF", "SEK"))),
    ("billing_subscriptions", "orphan_billing_customer_id"): (
        ANY,
        orphan_ref("billing_customer_id", "billing_customers"),
    ),
    ("billing_subscriptions", "invalid_billing_interval"): (
        ANY,
        setter("billing_interval_months", ("2", "24", "0", "5")),
    ),
    ("billing_subscriptions", "invalid_status"): (
        ANY,
        setter("status", ("paused", "past_due", "on_hold")),
    ),
    ("billing_subscriptions", "ended_before_start"): (ANY, ended_before_start),
    ("billing_subscription_items", "orphan_subscription_id"): (
        ANY,
        orphan_ref("subscription_id", "billing_subscriptions"),
    ),
    ("billing_subscription_items", "negative_quantity"): (
        lambda r: int(r["quantity"]) > 0,
        negative("quantity"),
    ),
    ("billing_subscription_items", "negative_unit_amount"): (
        lambda r: float(r["unit_amount"]) > 0,
        negative("unit_amount"),
    ),
    ("billing_subscription_items", "invalid_discount_percent"): (ANY, invalid_discount),
    ("billing_subscription_items", "valid_to_before_valid_from"): (
        ANY,
        end_before("valid_to", "valid_from", is_date=True),
    ),
    ("usage_users", "orphan_account_id"): (ANY, orphan_ref("account_id", "crm_accounts")),
    ("usage_users", "invalid_role"): (ANY, setter("role", ("owner", "guest", "superuser"))),
    ("usage_events", "orphan_account_id"): (ANY, orphan_ref("account_id", "crm_accounts")),
    ("survey_responses", "orphan_account_id"): (
        ANY,
        orphan_ref("account_id", "crm_accounts", ("contact_id",)),
    ),
    ("survey_responses", "invalid_survey_type"): (ANY, invalid_survey_type),
    ("survey_responses", "score_out_of_range"): (ANY, score_out_of_range),
    ("support_tickets", "orphan_account_id"): (ANY, orphan_ref("account_id", "crm_accounts")),
    ("support_tickets", "invalid_priority"): (
        ANY,
        setter("priority", ("critical", "p1", "whenever")),
    ),
    ("support_tickets", "invalid_status"): (
        ANY,
        setter("status", ("escalated", "on_hold", "waiting")),
    ),
    ("support_tickets", "solved_before_created"): (
        lambda r: r["status"] in ("solved", "closed"),
        end_before("solved_at", "created_at"),
    ),
    ("support_tickets", "negative_count"): (ANY, negative_count),
}
