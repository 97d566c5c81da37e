"""Fixed vocabularies of the simulated business: enums, price books, names, features."""

from __future__ import annotations

SEGMENTS = ("SMB", "Mid-Market", "Enterprise")
SEGMENT_WEIGHTS = (0.55, 0.30, 0.15)
REGIONS = ("NA", "EMEA", "APAC", "LATAM")
REGION_WEIGHTS = (0.50, 0.30, 0.12, 0.08)
# Billing currency by region: (currency, weight).
REGION_CURRENCIES: dict[str, tuple[tuple[str, float], ...]] = {
    "NA": (("USD", 0.93), ("CAD", 0.07)),
    "EMEA": (("EUR", 0.55), ("GBP", 0.40), ("USD", 0.05)),
    "APAC": (("USD", 0.65), ("AUD", 0.35)),
    "LATAM": (("USD", 1.0),),
}
INDUSTRIES = (
    "Software",
    "Fintech",
    "Healthcare",
    "Retail",
    "Manufacturing",
    "Education",
    "Media",
    "Logistics",
    "Professional Services",
    "Nonprofit",
    "Real Estate",
    "Energy",
)

# List price of one seat for one month, per core plan and currency.
CORE_PRICES: dict[str, dict[str, float]] = {
    "starter": {"USD": 25, "EUR": 23, "GBP": 20, "CAD": 34, "AUD": 38},
    "pro": {"USD": 45, "EUR": 42, "GBP": 36, "CAD": 61, "AUD": 68},
    "enterprise": {"USD": 75, "EUR": 69, "GBP": 59, "CAD": 101, "AUD": 113},
}
TRIAL_PLAN = "core_trial"
# Add-ons: (per_seat, monthly USD price of one unit). Per-seat add-ons follow the core seats.
ADDONS: dict[str, tuple[bool, float]] = {
    "analytics_plus": (True, 8.0),
    "sso": (False, 250.0),
    "premium_support": (False, 600.0),
    "api_access": (False, 350.0),
}
CURRENCY_FACTOR = {"USD": 1.0, "EUR": 0.92, "GBP": 0.79, "CAD": 1.35, "AUD": 1.51}
INTERVAL_NAMES = {1: "monthly", 3: "quarterly", 6: "semiannual", 12: "annual"}

ACTIVITY_TYPES = ("meeting", "call", "email", "qbr", "training", "cta")
OPPORTUNITY_STAGES = (
    "signal_identified",
    "conversation_initiated",
    "proposal_sent",
    "committed",
)
CHURN_REASONS = (
    "product_gap",
    "shifting_priorities",
    "bad_fit",
    "reorg_acquisition",
    "leadership_change",
    "no_value",
    "quality_issues",
    "price",
    "competitor",
    "other",
)
PRODUCT_GAPS = (
    "salesforce_sync",
    "advanced_permissions",
    "custom_reports",
    "data_residency",
    "mobile_app",
    "hubspot_integration",
    "audit_log",
    "sandbox_environment",
)
FEEDBACK_FEATURES = (*PRODUCT_GAPS, "dashboards", "reports", "alerts", "api", "integrations")
TICKET_CATEGORIES = ("bug", "how_to", "billing", "integration", "access", "performance", "data")
GOAL_OBJECTIVES = (
    "Roll out to all regional teams",
    "Cut weekly reporting time by half",
    "Replace legacy spreadsheets",
    "Connect the CRM integration",
    "Train every team lead",
    "Automate renewal alerts",
    "Build an executive dashboard",
    "Reach 80% weekly active seats",
    "Launch API-based data sync",
    "Consolidate tools onto the platform",
)

# Product features and their events; the None feature is session-level.
FEATURE_EVENTS: tuple[tuple[str | None, tuple[str, ...]], ...] = (
    (None, ("login", "session_started")),
    ("dashboards", ("dashboard_viewed", "dashboard_created", "dashboard_shared")),
    ("reports", ("report_viewed", "report_exported", "report_scheduled")),
    ("integrations", ("integration_synced", "integration_configured")),
    ("alerts", ("alert_triggered", "alert_created", "alert_acknowledged")),
    ("api", ("api_call",)),
    ("admin", ("user_invited", "settings_changed", "role_updated")),
)
FEATURE_BASE_WEIGHTS = (0.16, 0.30, 0.20, 0.09, 0.10, 0.10, 0.05)

FIRST_NAMES = (
    "Ava",
    "Liam",
    "Noah",
    "Emma",
    "Olivia",
    "Mateo",
    "Sofia",
    "Lucas",
    "Mia",
    "Amara",
    "Hiro",
    "Yuki",
    "Priya",
    "Arjun",
    "Chen",
    "Wei",
    "Fatima",
    "Omar",
    "Lena",
    "Jonas",
    "Elif",
    "Marta",
    "Diego",
    "Camila",
    "Kofi",
    "Zara",
    "Nils",
    "Ingrid",
    "Tomas",
    "Aisha",
    "Grace",
    "Ethan",
    "Chloe",
    "Rafael",
    "Nora",
    "Sami",
    "Leila",
    "Pablo",
    "Hana",
    "Oscar",
)
LAST_NAMES = (
    "Smith",
    "Garcia",
    "Müller",
    "Rossi",
    "Dubois",
    "Kowalski",
    "Nakamura",
    "Patel",
    "Kim",
    "Nguyen",
    "Silva",
    "Okafor",
    "Johansson",
    "O'Brien",
    "Novak",
    "Haddad",
    "Lopez",
    "Schmidt",
    "Jensen",
    "Tanaka",
    "Costa",
    "Ali",
    "Brown",
    "Wilson",
    "Fischer",
    "Moreau",
    "Santos",
    "Larsen",
    "Chen",
    "Ivanova",
)
NAME_HEADS = (
    "Acme",
    "Blue",
    "Cedar",
    "Delta",
    "Ember",
    "Falcon",
    "Granite",
    "Harbor",
    "Iris",
    "Juniper",
    "Kestrel",
    "Lumen",
    "Maple",
    "Nimbus",
    "Orbit",
    "Pioneer",
    "Quartz",
    "River",
    "Summit",
    "Tandem",
    "Umber",
    "Vertex",
    "Willow",
    "Xenon",
    "Yarrow",
    "Zephyr",
    "Atlas",
    "Beacon",
    "Cobalt",
    "Drift",
)
NAME_TAILS = (
    "Analytics",
    "Logistics",
    "Health",
    "Labs",
    "Systems",
    "Foods",
    "Capital",
    "Media",
    "Works",
    "Robotics",
    "Energy",
    "Learning",
    "Retail",
    "Dynamics",
    "Networks",
    "Bio",
)
NAME_SUFFIX_BY_REGION = {
    "NA": ("Inc.", "LLC", "Corp."),
    "EMEA": ("GmbH", "Ltd", "SA", "BV", "AB"),
    "APAC": ("Pty Ltd", "KK", "Pte. Ltd."),
    "LATAM": ("S.A.", "Ltda.", "S.A. de C.V."),
}
DM_TITLES = ("VP Operations", "Head of Customer Success", "CTO", "COO", "Director of Sales Ops")
OTHER_TITLES = (
    "Operations Manager",
    "Data Analyst",
    "Team Lead",
    "IT Administrator",
    "Sales Manager",
    "Project Manager",
    "Support Lead",
    None,
)
