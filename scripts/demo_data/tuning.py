"""Every probability and tunable constant of the business simulation, named in one place.

The simulation modules (``staff.py``, ``profiles.py``, ``simulate.py`` and ``account/``) read
these names and hold no bare numbers of their own. Changing a value changes the generated
data (and so the test suite's data and the hand-checked figures built on it): the generator
is deterministic for a given set of values, not across them.

Conventions: ``*_CHANCE`` is the probability of one Bernoulli draw; ``*_DAYS`` / ``*_SECONDS``
ranges are inclusive ``(low, high)`` bounds of a uniform integer draw unless said otherwise;
``*_WEIGHTS`` are unnormalised weights in the order of the matching ``*_OPTIONS``; ``h`` is
the account's hidden health that month (0 = about to leave, 1 = thriving).
"""

from __future__ import annotations

from typing import Final

# ============================================================================ random streams
# Each stream is seeded by (run seed, stream id[, account number]); ids are labels only.
STREAM_PROFILES: Final = 1  # firmographics and start day of each account
STREAM_ACCOUNT: Final = 2  # everything that happens to one account
STREAM_STAFF: Final = 7  # the CRM users
STREAM_LOST_EXPANSION: Final = 11  # the lost expansion deals beside won ones (account, day)
STREAM_CHAMPION: Final = 13  # the champion product user of an account (account)

# ============================================================================ world
LEGACY_LOOKBACK_DAYS: Final = 730  # legacy customers sign up at most this long before the window
STAFF_LOOKBACK_DAYS: Final = 200  # early staff may start this much before the earliest signup
REFERRER_MIN_TENURE_DAYS: Final = 90  # a referrer has been a customer at least this long

# ============================================================================ staff
ACCOUNTS_PER_CSM: Final = 28  # one CSM per this many accounts …
MIN_CSMS: Final = 3  # … and at least this many CSMs
CSMS_PER_MANAGER: Final = 7  # one CS manager per this many CSMs
MIN_MANAGERS: Final = 1
ACCOUNTS_PER_AE: Final = 70  # one account executive per this many accounts
MIN_AES: Final = 2
ACCOUNTS_PER_SUPPORT_AGENT: Final = 60  # one support agent per this many accounts
MIN_SUPPORT_AGENTS: Final = 2
# early staff start this long before the earliest day (high exclusive)
EARLY_START_DAYS: Final = (30, 900)
EARLY_START_SECONDS: Final = (32_400, 61_200)  # … at this time of day, 09:00–17:00 (high exclusive)
STAFF_FIXED_CSMS: Final = 2  # the first CSMs are never hired late nor leave
CSM_LATE_HIRE_CHANCE: Final = 0.2  # another CSM is hired within the window …
CSM_LATE_HIRE_SPAN_SHARE: Final = 0.7  # … within this first share of it
CSM_LEAVE_CHANCE: Final = 0.22  # a CSM (not one of the first) leaves …
CSM_LEAVE_AFTER_BASE: Final = 0.15  # … after (base + spread × uniform) of their time to the end …
CSM_LEAVE_AFTER_SPREAD: Final = 0.8
CSM_MIN_TENURE_DAYS: Final = 120  # … but only if they stayed longer than this
AE_LEAVE_CHANCE: Final = 0.2  # an account executive (not the first) leaves …
SUPPORT_LEAVE_CHANCE: Final = 0.15  # a support agent (not the first) leaves …
STAFF_LEAVE_SPAN_SHARE: Final = 0.9  # … within this first share of the window

# ============================================================================ account profiles
LEGACY_CHANCE: Final = 0.32  # a customer since before the history window
LATEST_SIGNUP_BEFORE_END_DAYS: Final = 3  # new accounts sign up at least this long before the end
SIGNUP_SKEW: Final = 0.85  # signup day = window start + span × uniform ** this (< 1: later signups)
INDUSTRY_MISSING_CHANCE: Final = 0.04  # industry left empty in the CRM
ICP_FIT_CHANCE: Final = 0.82  # the account fits the ideal customer profile
TRIAL_CHANCE_SMB: Final = 0.45  # a new SMB account starts with a trial
TRIAL_CHANCE_OTHER: Final = 0.2  # a new Mid-Market or Enterprise account starts with a trial

# ============================================================================ account clock
CREATED_BEFORE_SIGNUP_DAYS: Final = (5, 90)  # CRM account created before signup (high exclusive)
OFFICE_HOUR_MEAN_SECONDS: Final = 14.5 * 3600  # time of day of an action: normal, this mean …
OFFICE_HOUR_SD_SECONDS: Final = 3 * 3600  # … and this standard deviation
ACCOUNT_UPDATED_WITHIN_DAYS: Final = 200  # crm_accounts.updated_at falls within this of the end
REFERENCEABLE_MIN_HEALTH: Final = 0.75  # above this final health an account …
REFERENCEABLE_CHANCE: Final = 0.3  # … is referenceable with this chance (always with a testimonial)

# ============================================================================ ownership
CSM_REBALANCE_MEAN_DAYS: Final = 3.5 * 365  # accounts move to another CSM after exponential days
CSM_HANDOVER_DAYS: Final = (0, 5)  # a departing CSM's accounts are handed over this soon after

# ============================================================================ contacts
CONTACTS_PER_SEGMENT: Final = {"SMB": (2, 4), "Mid-Market": (3, 7), "Enterprise": (5, 12)}
EXTRA_DECISION_MAKER_SLOTS: Final = 3  # the first contact is a decision maker; up to this one …
EXTRA_DECISION_MAKER_CHANCE: Final = 0.2  # … the next ones are with this chance
FOUNDING_CONTACTS: Final = 2  # the first contacts are created right after the account …
FOUNDING_CONTACT_DAYS: Final = (0, 20)  # … within this many days
CONTACT_TENURE_MEAN_YEARS: Final = 6.0  # contacts leave after exponential years
CONTACT_EMAIL_MISSING_CHANCE: Final = 0.05

# ============================================================================ hidden health
HEALTH_BASE_MEAN_ICP: Final = 0.64  # long-run level of an ICP-fit account: normal mean …
HEALTH_BASE_MEAN_OTHER: Final = 0.45  # … of an account outside the ICP
HEALTH_BASE_SD: Final = 0.12  # … and standard deviation
HEALTH_BASE_START_BOUNDS: Final = (0.15, 0.92)  # the initial long-run level is clipped to these
HEALTH_START_SD: Final = 0.08  # the first month's health: long-run level + normal noise …
HEALTH_START_BOUNDS: Final = (0.05, 0.97)  # … clipped to these
HEALTH_BASE_DRIFT_SD: Final = 0.015  # monthly random drift of the long-run level
HEALTH_BASE_DRIFT_NON_ICP: Final = 0.006  # monthly sag of the long-run level outside the ICP
HEALTH_BASE_BOUNDS: Final = (0.1, 0.92)  # the long-run level stays within these
HEALTH_SHOCK_DROP: Final = 0.18  # health lost in the month a decision maker leaves …
HEALTH_SHOCK_BASE_DROP: Final = 0.05  # … and long-run level lost with it
HEALTH_REVERSION: Final = 0.18  # share of the gap to the long-run level closed each month
HEALTH_MONTHLY_SD: Final = 0.075  # monthly noise of health
HEALTH_BOUNDS: Final = (0.02, 0.98)  # health always stays within these

# ============================================================================ billing: trials
# billing customer created this soon before signup
BILLING_CUSTOMER_BEFORE_SIGNUP_DAYS: Final = (0, 2)
TRIAL_LENGTHS_DAYS: Final = (14, 14, 30)  # drawn uniformly: two trials in three last 14 days
TRIAL_SEATS: Final = (3, 12)
TRIAL_CONVERSION_BASE: Final = 0.25  # a trial converts with (base + per health × h) …
TRIAL_CONVERSION_PER_HEALTH: Final = 0.6
TRIAL_CONVERSION_FACTOR_NON_ICP: Final = 0.6  # … times this outside the ICP
TRIAL_DEAL_PLAN: Final = "pro"  # a trial's new-business deal is valued at this plan's list price
TRIAL_EXPECTED_CLOSE_AFTER_DAYS: Final = 3  # an ongoing trial's deal is expected to close then
TRIAL_IMMEDIATE_START_CHANCE: Final = 0.65  # a converted trial goes paid the day it ends …
TRIAL_DELAYED_START_DAYS: Final = (5, 60)  # … or this many days later

# ============================================================================ billing: paid subscriptions
INTERVAL_OPTIONS: Final = ("1", "12", "3", "6")  # billing interval in months
INTERVAL_WEIGHTS: Final = {
    "SMB": (70, 22, 5, 3),
    "Mid-Market": (40, 50, 5, 5),
    "Enterprise": (5, 85, 5, 5),
}
PLANS_PER_SEGMENT: Final = {  # drawn uniformly
    "SMB": ("starter", "pro"),
    "Mid-Market": ("pro", "pro", "pro", "enterprise"),
    "Enterprise": ("enterprise",),
}
SEATS_SMB: Final = (3, 25)
SEATS_MID_MARKET: Final = (20, 150)
SEATS_ENTERPRISE_LOGNORMAL: Final = (5.3, 0.5)  # Enterprise seats: lognormal(mean, sigma) …
SEATS_ENTERPRISE_MAX: Final = 2000  # … capped at this
MONTHLY_DISCOUNT_OPTIONS: Final = ("0", "10")  # discount percent of a monthly plan
MONTHLY_DISCOUNT_WEIGHTS: Final = (85, 15)
# discount percent of a plan billed for months at once
TERM_DISCOUNT_OPTIONS: Final = ("0", "10", "15", "20", "20.5", "25")
TERM_DISCOUNT_WEIGHTS: Final = (20, 25, 25, 15, 8, 7)
OPT_OUT_INTERVAL_MONTHS: Final = 12  # a non-SMB contract billed for this many months …
OPT_OUT_CLAUSE_CHANCE: Final = 0.4  # … has an opt-out clause with this chance
SSO_AT_START_CHANCE: Final = 0.5  # an Enterprise contract starts with the SSO add-on
ANALYTICS_AT_START_CHANCE: Final = 0.2  # a non-SMB contract starts with analytics_plus
DEAL_CYCLE_DAYS: Final = (10, 80)  # a new-business deal opens this long before it is won
WIN_BACK_CS_SOURCED_CHANCE: Final = 0.5  # a win-back deal is sourced by CS

# ============================================================================ billing: changes in a period
# seats grow in a period with base + per health × max(0, h − floor)
SEAT_EXPANSION_BASE: Final = 0.02
SEAT_EXPANSION_PER_HEALTH: Final = 0.3
SEAT_EXPANSION_HEALTH_FLOOR: Final = 0.5
SEAT_GROWTH_SHARE: Final = (0.08, 0.4)  # seats grow by a uniform share in this range (at least one)
UPGRADE_MIN_HEALTH: Final = 0.6  # above this health an account may add an add-on or upgrade …
UPGRADE_BASE: Final = 0.02  # … with base + per health × (h − min health)
UPGRADE_PER_HEALTH: Final = 0.06
STARTER_UPGRADE_CHANCE: Final = 0.5  # a starter account upgrades its plan rather than add an add-on
UPGRADE_PLAN: Final = "pro"  # the plan a starter account upgrades to
ADDON_EXPANSION_REASONS: Final = ("new_feature", "new_feature", "fundraising")  # drawn uniformly
# monthly churn hazard: base + scale × (max(0, knee − h) / knee)² …
CHURN_HAZARD_BASE: Final = 0.004
CHURN_HAZARD_SCALE: Final = 0.15
CHURN_HAZARD_KNEE: Final = 0.55
CHURN_HAZARD_NON_ICP: Final = 0.008  # … + this outside the ICP
OPT_OUT_HAZARD_FACTOR: Final = 3.0  # mid-term exit through the opt-out clause: hazard × this
MONTHLY_NOTICE_DAYS: Final = (3, 25)  # cancellation notice of a monthly plan
TERM_NOTICE_DAYS: Final = (20, 90)  # … of a plan billed for months at once
# seats shrink at a possible point with base + per health × max(0, ceiling − h)
CONTRACTION_BASE: Final = 0.01
CONTRACTION_PER_HEALTH: Final = 0.25
CONTRACTION_HEALTH_CEILING: Final = 0.45
SEAT_CUT_SHARE: Final = (0.1, 0.45)  # seats shrink by a uniform share in this range
LARGE_CUT_REMAINING_SHARE: Final = 0.7  # a cut leaving at most this share of the seats …
LARGE_CUT_RECORDED_CHANCE: Final = 0.5  # … is recorded as a partial cancellation with this chance
ADDON_DROP_MAX_HEALTH: Final = 0.45  # below this health an account may drop an add-on …
ADDON_DROP_CHANCE: Final = 0.12  # … with this chance at a possible point
# a term end of a plan billed for at least this many months is a renewal (with a CTA before it) …
RENEWED_TERM_MIN_MONTHS: Final = 6
PRICE_UPLIFT_CHANCE: Final = 0.5  # … with a price uplift applied with this chance …
PRICE_UPLIFT_FACTOR: Final = 1.05  # … raising unit prices by this factor
# plans billed for at least this many months have renewal deals (won, lost, or open …
RENEWAL_DEAL_MIN_INTERVAL_MONTHS: Final = 12
OPEN_RENEWAL_WITHIN_DAYS: Final = 90  # … when the term ends within this many days of the end)

# ============================================================================ billing: churn and win-back
WIN_BACK_CHANCE_ICP: Final = 0.22  # a churned ICP-fit customer comes back …
WIN_BACK_CHANCE_OTHER: Final = 0.08  # … one outside the ICP
WIN_BACK_GAP_DAYS: Final = (60, 420)  # … this long after churning
WIN_BACK_HEALTH_BOOST: Final = 0.2  # health gained with the fresh start
CANCELLATION_RECORDED_CHANCE: Final = 0.85  # a full churn is recorded in crm_cancellations
BAD_FIT_REASON_CHANCE: Final = 0.5  # an account outside the ICP gives bad_fit as its reason
LEADERSHIP_CHANGE_WINDOW_DAYS: Final = 180  # a decision maker left this recently …
LEADERSHIP_CHANGE_REASON_CHANCE: Final = 0.5  # … so it is the reason, with this chance


def churn_reason_weights(h: float) -> list[float]:
    """Weights of ``catalog.CHURN_REASONS`` at health ``h``: unhappy accounts cite gaps, no value, quality."""
    return [14 + 20 * (1 - h), 10, 3, 6, 5, 10 + 25 * (1 - h), 5 + 10 * (1 - h), 10, 9, 4]


CANCELLATION_NOTE_MISSING_CHANCE: Final = 0.6
CANCELLATION_NOTES: Final = (  # drawn uniformly
    "Customer confirmed on exit call.",
    'Budget frozen; "revisit next year", said the CFO.',
    "Moved to an in-house tool.",
    "Champion left; no new sponsor.",
    "Asked to be contacted again next year.",
)
PARTIAL_MONTHLY_NOTICE_DAYS: Final = (3, 20)  # notice of a partial cancellation, monthly plan
PARTIAL_TERM_NOTICE_DAYS: Final = (15, 60)  # … plan billed for months at once
PARTIAL_REASON_OPTIONS: Final = ("price", "no_value", "shifting_priorities", "product_gap", "other")
PARTIAL_REASON_WEIGHTS: Final = (30, 25, 20, 15, 10)

# ============================================================================ pipeline
# a won expansion deal opens this long before it closes
EXPANSION_DEAL_CYCLE_DAYS: Final = (30, 150)
EXPANSION_CS_SOURCED_CHANCE: Final = 0.6
RENEWAL_DEAL_CYCLE_DAYS: Final = (60, 100)  # a renewal deal opens this long before the term end
OPEN_RENEWAL_AGE_DAYS: Final = (0, 30)  # an open renewal deal opened this long before the end
LEAD_SOURCE_OPTIONS: Final = ("inbound", "outbound", "referral", "partner", "event")
LEAD_SOURCE_WEIGHTS: Final = (40, 25, 15, 12, 8)
# an open deal is expected to close this long after the end
OPEN_DEAL_CLOSE_AFTER_END_DAYS: Final = (10, 90)
CLOSE_DATE_SLIP_CHANCE: Final = 0.4  # the first expected close date was earlier …
CLOSE_DATE_SLIP_DAYS: Final = (0, 30)  # … by this many days
AMOUNT_REVISED_CHANCE: Final = 0.35  # the deal amount was revised before its last stages …
AMOUNT_REVISION_FACTOR: Final = (0.8, 1.2)  # … from a uniform factor of the final amount
OPEN_EXPANSION_MIN_HEALTH: Final = 0.6  # a current customer healthier than this …
OPEN_EXPANSION_CHANCE: Final = 0.35  # … has an open expansion deal with this chance …
OPEN_EXPANSION_AGE_DAYS: Final = (1, 60)  # … opened this long before the end …
OPEN_EXPANSION_ARR: Final = (2_000, 40_000)  # … worth a uniform ARR in this range …
OPEN_EXPANSION_CS_SOURCED_CHANCE: Final = 0.7  # … sourced by CS with this chance
OPEN_EXPANSION_REASONS: Final = ("more_seats", "new_use_case", "new_feature", "fundraising")
LOST_EXPANSION_CHANCE: Final = 0.15  # a current customer has a lost expansion deal …
LOST_EXPANSION_CLOSED_DAYS: Final = (1, 300)  # … closed this long before the end …
# … at least this long after the account was created …
LOST_EXPANSION_MIN_ACCOUNT_AGE_DAYS: Final = 30
LOST_EXPANSION_CYCLE_DAYS: Final = (20, 60)  # … opened this long before it closed …
LOST_EXPANSION_ARR: Final = (1_000, 20_000)  # … worth a uniform ARR in this range …
LOST_EXPANSION_CS_SOURCED_CHANCE: Final = 0.5  # … sourced by CS with this chance
LOST_BESIDE_WON_CHANCE: Final = 0.7  # a won expansion has a lost expansion deal of the account …
LOST_BESIDE_WON_CLOSE_OFFSET_DAYS: Final = (-90, 90)  # … closed this long from the won one …
LOST_BESIDE_WON_CYCLE_DAYS: Final = (30, 150)  # … opened this long before it closed …
LOST_BESIDE_WON_ARR_FACTOR: Final = (0.5, 2.0)  # … worth a uniform factor of the won ARR

# ============================================================================ success operations
QBR_EVERY_MONTHS: Final = 3  # Mid-Market and Enterprise accounts hold a QBR this often …
QBR_EVERY_MONTHS_SMB: Final = 12  # … SMB accounts this often
ACTIVITIES_PER_MONTH: Final = {"SMB": 0.9, "Mid-Market": 2.2, "Enterprise": 4.5}  # Poisson mean …
# … times (base − per health × h): CSMs work harder on sick accounts
ACTIVITY_HEALTH_BASE: Final = 1.3
ACTIVITY_HEALTH_SLOPE: Final = 0.6
ACTIVITY_TYPE_OPTIONS: Final = ("email", "call", "meeting", "training")
ACTIVITY_TYPE_WEIGHTS: Final = (40, 28, 22, 10)
RISK_CTA_MAX_HEALTH: Final = 0.38  # below this health a month may raise a high-priority risk CTA …
RISK_CTA_CHANCE: Final = 0.45  # … with this chance; otherwise …
ADOPTION_CTA_CHANCE: Final = 0.04  # … a low-priority adoption check-in with this chance
RENEWAL_CTA_BEFORE_DAYS: Final = 90  # a renewal CTA is raised this long before a term end
GOAL_EVERY_MONTHS: Final = 6  # a paid account sets a new goal this often …
GOAL_MONTH_OFFSET: Final = 3  # … this many months after its signup month
NPS_EVERY_MONTHS: Final = 6  # an NPS round runs this often …
NPS_MONTH_OFFSET: Final = 2  # … this many months after the account's first month
# feedback items per month: Poisson(base + per log seats × ln(1 + seats))
FEEDBACK_PER_MONTH_BASE: Final = 0.06
FEEDBACK_PER_MONTH_PER_LOG_SEATS: Final = 0.03
QUICK_ACTIVITY_SECONDS: Final = (60, 3600)  # an e-mail or call is completed this soon
MEETING_DUE_DAYS: Final = (1, 14)  # a meeting, training or QBR is scheduled this far ahead …
MEETING_HELD_CHANCE: Final = 0.9  # … and held with this chance …
QBR_HELD_BASE: Final = 0.72  # … a QBR with base + per health × h
QBR_HELD_PER_HEALTH: Final = 0.2
MEETING_LENGTH_SECONDS: Final = (1800, 5400)
CTA_DUE_DAYS: Final = (5, 21)  # a CTA is due this far ahead …
CTA_CLOSE_MEAN_DAYS: Final = 12  # … and closed after exponential days …
CTA_CLOSE_MIN_SECONDS: Final = 3600  # … plus this …
CTA_CLOSED_CHANCE: Final = 0.85  # … with this chance
ACTIVITY_SUBJECT_CHANCE: Final = 0.9  # an activity without a set subject gets the default one
QBR_CSAT_CHANCE: Final = 0.25  # a held QBR is followed by a CSAT survey answer …
QBR_CSAT_DELAY_SECONDS: Final = (600, 86_400)  # … this long after
ONBOARDING_START_DAYS: Final = (1, 10)  # onboarding starts this long after a paid start
ONBOARDING_TARGET_DAYS: Final = {"SMB": 30, "Mid-Market": 45, "Enterprise": 90}  # target go-live
ONBOARDING_DM_BASE: Final = 0.45  # a decision maker is involved with base + per health × h
ONBOARDING_DM_PER_HEALTH: Final = 0.4
TIME_TO_VALUE_GAMMA_SHAPE: Final = 2.0  # time to first value: gamma(shape, target / divisor) …
TIME_TO_VALUE_GAMMA_DIVISOR: Final = 3.0
TIME_TO_VALUE_HEALTH_OFFSET: Final = 0.5  # … / (offset + h) …
TIME_TO_VALUE_FACTOR_DM: Final = 0.8  # … × this with a decision maker involved …
TIME_TO_VALUE_FACTOR_NO_DM: Final = 1.2  # … × this without
FIRST_VALUE_TIME_SECONDS: Final = (0, 20_000)  # time of day added to the first-value day
GO_LIVE_FACTOR: Final = (0.7, 1.6)  # go-live after target × uniform factor …
GO_LIVE_HEALTH_OFFSET: Final = 0.6  # … / (offset + h)
SIGNOFF_CHANCE: Final = 0.8  # a completed onboarding has the customer's sign-off
SALES_HANDOVER_CHANCE: Final = 0.85
ONBOARDING_CSAT_CHANCE: Final = 0.6  # a completed onboarding is followed by a CSAT answer …
ONBOARDING_CSAT_DELAY_SECONDS: Final = (3600, 5 * 86_400)  # … this long after
ONBOARDING_GOALS: Final = (1, 3)  # goals set during onboarding …
ONBOARDING_GOAL_WITHIN_DAYS: Final = 20  # … within this many days of its start
GOAL_AGREED_CHANCE: Final = 0.8  # the customer agrees a goal …
GOAL_AGREED_DAYS: Final = (0, 14)  # … this many days …
GOAL_AGREED_SECONDS: Final = (0, 3600)  # … and seconds after it was created
GOAL_DUE_DAYS: Final = (60, 180)  # a goal is due this long after it was created
GOAL_ACHIEVED_BASE: Final = 0.15  # it is achieved with base + per health × h …
GOAL_ACHIEVED_PER_HEALTH: Final = 0.75
# … at a uniform share of its time to the due date …
GOAL_ACHIEVED_AT_SHARE: Final = (0.3, 1.05)
GOAL_ACHIEVED_TIME_SECONDS: Final = 3600  # … plus this (a time of day)
# an unachieved goal past its due date is cancelled with this chance, else missed
GOAL_CANCELLED_CHANCE: Final = 0.15

# ============================================================================ support
TICKETS_BASE: Final = 0.15  # tickets per month: Poisson((base + per √seats × √seats) …
TICKETS_PER_SQRT_SEAT: Final = 0.1
TICKETS_HEALTH_BASE: Final = 1.7  # … × (base − per health × h))
TICKETS_HEALTH_SLOPE: Final = 1.3
TICKET_PRIORITY_OPTIONS: Final = ("low", "normal", "high", "urgent")


def ticket_priority_weights(h: float) -> tuple[float, ...]:
    """Weights of ``TICKET_PRIORITY_OPTIONS`` at health ``h``: unhappy accounts escalate more."""
    return (30, 50, 15 + 15 * (1 - h), 3 + 8 * (1 - h))


FIRST_RESPONSE_MEAN_SECONDS: Final = 4 * 3600  # first response after exponential seconds …
FIRST_RESPONSE_MIN_SECONDS: Final = 120  # … plus this
RESOLUTION_MEAN_SECONDS: Final = 2.5 * 86_400  # solved after exponential seconds …
RESOLUTION_MIN_SECONDS: Final = 600  # … plus this
REOPENS_BASE: Final = 0.12  # reopens: Poisson(base + per unhealth × (1 − h))
REOPENS_PER_UNHEALTH: Final = 0.3
EXTRA_REPLIES_MEAN: Final = 1.5  # agent replies: 1 + Poisson(this) + reopens
OPEN_TICKET_STATUSES: Final = ("open", "pending")  # drawn uniformly for an unsolved ticket
CLOSED_AFTER_DAYS: Final = 4  # a solved ticket is closed after this many days
CHANNEL_OPTIONS: Final = ("email", "chat", "web", "phone")
CHANNEL_WEIGHTS: Final = (40, 30, 20, 10)
TICKET_CATEGORY_MISSING_CHANCE: Final = 0.05
TICKET_CSAT_CHANCE: Final = 0.3  # a solved ticket is followed by a CSAT answer …
TICKET_CSAT_DELAY_SECONDS: Final = (300, 2 * 86_400)  # … this long after

# ============================================================================ surveys and feedback
CSAT_MEAN_BASE: Final = 1.6  # CSAT score: normal(base + per health × h, sd), rounded, 1–5
CSAT_MEAN_PER_HEALTH: Final = 3.6
CSAT_SD: Final = 0.8
CSAT_CONTACT_KNOWN_CHANCE: Final = 0.9  # the answering contact is known
CSAT_COMMENT_MISSING_CHANCE: Final = 0.8
CSAT_GOOD_MIN_SCORE: Final = 4  # comment of a score at least this, or of a lower one:
CSAT_GOOD_COMMENT: Final = "Quick and helpful."
CSAT_BAD_COMMENT: Final = "Took too long."
NPS_ANSWER_CHANCE: Final = 0.35  # a current contact answers an NPS round
NPS_MEAN_BASE: Final = 2.6  # NPS score: normal(base + per health × h, sd), rounded, 0–10
NPS_MEAN_PER_HEALTH: Final = 8.2
NPS_SD: Final = 1.5
PROMOTER_MIN_SCORE: Final = 9  # a contact answering at least this …
PROMOTER_FLAG_CHANCE: Final = 0.6  # … is flagged a promoter with this chance, and then may …
TESTIMONIAL_CHANCE: Final = 0.25  # … give a testimonial …
AMBASSADOR_CHANCE: Final = 0.2  # … or become an ambassador
NPS_COMMENT_MISSING_CHANCE: Final = 0.75
NPS_COMMENTS: Final = (  # drawn uniformly
    "Love the dashboards.",
    "Too expensive for what we use.",
    "Support is great.",
    "Missing a Salesforce sync.",
    "Hard to roll out to new teams.",
)
FEEDBACK_TYPE_OPTIONS: Final = ("product_gap", "feature_request", "complaint", "praise")


def feedback_type_weights(h: float) -> tuple[float, ...]:
    """Weights of ``FEEDBACK_TYPE_OPTIONS`` at health ``h``: unhappy accounts complain, happy ones praise."""
    return (10 + 20 * (1 - h), 30, 5 + 25 * (1 - h), 5 + 30 * h)


FEEDBACK_CONTACT_KNOWN_CHANCE: Final = 0.7
PRAISE_WITHOUT_FEATURE_CHANCE: Final = 0.5

# ============================================================================ product users
ADOPTION_BASE: Final = 0.3  # active users = seats × min(1, base + per health × h), at least one
ADOPTION_PER_HEALTH: Final = 0.65
EXTRA_ADMIN_CHANCE: Final = 0.04  # the first user is an admin; each later one with this chance
SURPLUS_TOLERANCE: Final = 1.15  # users are deactivated once active > target × this + 1
DEACTIVATION_TIME_SECONDS: Final = (0, 8 * 3600)  # time of day of a deactivation
USER_EMAIL_MISSING_CHANCE: Final = 0.02
# each account's feature mix: base weights × gamma(shape, scale)
FEATURE_WEIGHT_GAMMA: Final = (4.0, 0.25)

# ============================================================================ usage: champions
# A healthy customer often has one champion: a product user who works in the product most
# working days. Drawn on a stream of its own and added to the account's usage, for the
# last CHAMPION_DAYS days of the data (the power-user list looks at the last 30).
CHAMPION_MIN_HEALTH: Final = 0.6  # an account this healthy in its last month …
CHAMPION_CHANCE: Final = 0.35  # … has a champion with this chance
CHAMPION_DAYS: Final = 45  # the champion's recent stretch, ending on the last day of data
CHAMPION_WEEKDAY_CHANCE: Final = 0.85  # a session on each working day with this chance
