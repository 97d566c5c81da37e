"""The 18 raw tables of ../shared/spec/raw-sources.md: columns (in file order) and primary keys."""

from __future__ import annotations

TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "crm_accounts": (
        "account_id", "account_name", "industry", "segment", "region",
        "is_icp_fit", "is_referenceable", "created_at", "updated_at",
    ),
    "crm_users": (
        "user_id", "full_name", "email", "role", "manager_user_id", "is_active", "created_at",
    ),
    "crm_account_assignments": ("assignment_id", "account_id", "csm_user_id", "assigned_at"),
    "crm_contacts": (
        "contact_id", "account_id", "full_name", "email", "title", "is_decision_maker",
        "is_promoter", "has_testimonial", "is_ambassador", "created_at", "left_at",
    ),
    "crm_opportunities": (
        "opportunity_id", "account_id", "owner_user_id", "opportunity_type", "stage",
        "amount_arr", "currency", "created_at", "expected_close_date", "closed_at",
        "is_cs_sourced", "expansion_reason", "lead_source", "referrer_account_id",
    ),
    "crm_opportunity_history": (
        "opportunity_id", "changed_at", "stage", "amount_arr", "expected_close_date",
    ),
    "crm_activities": (
        "activity_id", "account_id", "owner_user_id", "activity_type", "subject",
        "priority", "created_at", "due_at", "completed_at",
    ),
    "crm_success_goals": (
        "goal_id", "account_id", "objective", "created_at", "agreed_at", "due_date",
        "achieved_at", "status",
    ),
    "crm_onboardings": (
        "onboarding_id", "account_id", "started_at", "target_go_live_date", "first_value_at",
        "completed_at", "signoff_received", "sales_handover_completed", "decision_maker_involved",
    ),
    "crm_cancellations": (
        "cancellation_id", "account_id", "requested_at", "effective_date", "cancellation_type",
        "primary_reason", "product_gap_feature", "opt_out_clause_used", "notes",
    ),
    "crm_feedback": (
        "feedback_id", "account_id", "contact_id", "feedback_type", "feature", "created_at",
    ),
    "billing_customers": ("billing_customer_id", "account_id", "currency", "created_at"),
    "billing_subscriptions": (
        "subscription_id", "billing_customer_id", "status", "billing_interval_months",
        "contract_start_date", "current_term_end_date", "has_opt_out_clause", "cancelled_at",
        "ended_at",
    ),
    "billing_subscription_items": (
        "subscription_item_id", "subscription_id", "product", "plan_code", "quantity",
        "unit_amount", "discount_percent", "valid_from", "valid_to",
    ),
    "usage_users": ("user_id", "account_id", "email", "role", "created_at", "deactivated_at"),
    "usage_events": ("event_id", "user_id", "account_id", "event_name", "feature", "occurred_at"),
    "survey_responses": (
        "response_id", "survey_type", "account_id", "contact_id", "score", "interaction_type",
        "comment", "submitted_at",
    ),
    "support_tickets": (
        "ticket_id", "account_id", "created_at", "first_response_at", "solved_at", "status",
        "priority", "channel", "agent_reply_count", "reopen_count", "category",
    ),
}

PRIMARY_KEYS: dict[str, tuple[str, ...]] = {
    "crm_accounts": ("account_id",),
    "crm_users": ("user_id",),
    "crm_account_assignments": ("assignment_id",),
    "crm_contacts": ("contact_id",),
    "crm_opportunities": ("opportunity_id",),
    "crm_opportunity_history": ("opportunity_id", "changed_at"),
    "crm_activities": ("activity_id",),
    "crm_success_goals": ("goal_id",),
    "crm_onboardings": ("onboarding_id",),
    "crm_cancellations": ("cancellation_id",),
    "crm_feedback": ("feedback_id",),
    "billing_customers": ("billing_customer_id",),
    "billing_subscriptions": ("subscription_id",),
    "billing_subscription_items": ("subscription_item_id",),
    "usage_users": ("user_id",),
    "usage_events": ("event_id",),
    "survey_responses": ("response_id",),
    "support_tickets": ("ticket_id",),
}

# Id prefix and zero-padded width of every generated identifier (account ids are bare digits).
ID_FORMATS: dict[str, tuple[str, int]] = {
    "crm_accounts": ("", 6),
    "crm_users": ("emp_", 5),
    "crm_account_assignments": ("asg_", 7),
    "crm_contacts": ("con_", 7),
    "crm_opportunities": ("opp_", 7),
    "crm_activities": ("act_", 8),
    "crm_success_goals": ("goal_", 7),
    "crm_onboardings": ("onb_", 7),
    "crm_cancellations": ("can_", 7),
    "crm_feedback": ("fb_", 7),
    "billing_customers": ("cus_", 7),
    "billing_subscriptions": ("sub_", 7),
    "billing_subscription_items": ("si_", 8),
    "usage_users": ("usr_", 8),
    "usage_events": ("evt_", 10),
    "survey_responses": ("rsp_", 8),
    "support_tickets": ("tkt_", 8),
}

TABLES: tuple[str, ...] = tuple(TABLE_COLUMNS)
