"""Plotly figures drawn from mart rows, one function per chart of the reports.

Each function returns a Chart whose `figure` is plotly's JSON (plotly.js is written once
beside the pages and draws it in the browser), or None when the marts hold nothing to
draw (the page then says so instead of showing an empty frame). Values are plotted as the
marts hold them; contraction and churn are drawn below the line (their sign flipped for
the waterfall) and every label is the mart's number, formatted.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go
from plotly.utils import PlotlyJSONEncoder

from reports.data import Row, as_float
from reports.formatting import money, pct, short_month

NAVY = "#1f3a5f"
TEAL = "#2a9d8f"
GREY = "#8d99ae"
TIER_COLOURS = {"green": "#2e9e5b", "yellow": "#e9b500", "red": "#d64545"}
UP, DOWN, TOTAL = "#2e9e5b", "#d64545", NAVY
FONT = "Inter, Segoe UI, Helvetica Neue, Arial, sans-serif"


@dataclass(frozen=True)
class Chart:
    """One chart of a page: its id, title, the question it answers, plotly's JSON."""

    key: str
    title: str
    question: str
    figure: str | None
    empty_note: str = "Nothing to draw yet: the marts hold no rows for this chart."
    height: int = 340


def _layout(fig: go.Figure, height: int, **extra: Any) -> str:
    fig.update_layout(
        template="plotly_white",
        height=height,
        margin={"l": 56, "r": 16, "t": 16, "b": 48},
        font={"family": FONT, "size": 12, "color": "#243447"},
        legend={"orientation": "h", "y": -0.18, "x": 0},
        hoverlabel={"font": {"family": FONT}},
        **extra,
    )
    return json.dumps(fig.to_plotly_json(), cls=PlotlyJSONEncoder)


def _signed(value: Any, sign: int) -> str:
    """A waterfall step's label: the mart's amount, with a minus where it is taken away."""
    return ("−" if sign < 0 and value else "") + money(value)


def _bridge_axis(start: Any, end: Any) -> dict[str, Any]:
    """A bridge's value axis: from a little below the lower of its two ends (layout only),
    so that movements a hundredth of ARR stay visible beside the totals."""
    low = min(as_float(start) or 0.0, as_float(end) or 0.0)
    axis: dict[str, Any] = {"tickprefix": "$", "tickformat": ",.0f"}
    if low > 0:
        axis.update(autorangeoptions={"minallowed": low * 0.9})
    return axis


def arr_bridge_waterfall(month: Row | None) -> Chart:
    """The month's ARR bridge: opening ARR, each movement, closing ARR."""
    title = "ARR bridge"
    question = "Where did this month's ARR come from and go to?"
    if month is None:
        return Chart("arr-bridge", title, question, None)
    steps: list[tuple[str, str, Any, int]] = [
        ("Opening ARR", "absolute", month["opening_arr"], 1),
        ("New", "relative", month["new_arr"], 1),
        ("Reactivation", "relative", month["reactivation_arr"], 1),
        ("Expansion", "relative", month["expansion_arr"], 1),
        ("Contraction", "relative", month["contraction_arr"], -1),
        ("Churn", "relative", month["churned_arr"], -1),
        ("Closing ARR", "absolute", month["closing_arr"], 1),
    ]
    fig = _waterfall(steps)
    figure = _layout(
        fig, 340, yaxis=_bridge_axis(month["opening_arr"], month["closing_arr"]), showlegend=False
    )
    return Chart("arr-bridge", f"{title}, {short_month(month['month_start'])}", question, figure)


def _stacked_dollars(fig: go.Figure, categories: list[str]) -> go.Figure:
    """The layout of a stacked bar chart in dollars over categories kept in this order."""
    return _layout(
        fig,
        300,
        barmode="stack",
        yaxis={"tickprefix": "$", "tickformat": ",.0f"},
        xaxis={"type": "category", "categoryorder": "array", "categoryarray": categories},
    )


def _waterfall(steps: list[tuple[str, str, Any, int]]) -> go.Figure:
    """A bridge: (label, "absolute" or "relative", amount, +1 or -1) per bar, in order."""
    return go.Figure(
        go.Waterfall(
            x=[label for label, _, _, _ in steps],
            measure=[measure for _, measure, _, _ in steps],
            y=[sign * (as_float(value) or 0.0) for _, _, value, sign in steps],
            text=[_signed(value, sign) for _, _, value, sign in steps],
            textposition="outside",
            cliponaxis=False,
            connector={"line": {"color": "#c5ccd6", "width": 1}},
            increasing={"marker": {"color": UP}},
            decreasing={"marker": {"color": DOWN}},
            totals={"marker": {"color": TOTAL}},
            hovertemplate="%{x}: %{text}<extra></extra>",
        )
    )


def _quarter_start(month: dt.date) -> dt.date:
    return month.replace(month=month.month - (month.month - 1) % 3, day=1)


def retention_trend(nrr_rows: Sequence[Row], scorecard: Sequence[Row]) -> Chart:
    """NRR and GRR by month, with the company's NRR target of each quarter where one exists."""
    title = "NRR and GRR, trailing twelve months"
    question = "Are we keeping, and growing, the revenue of last year's customers?"
    if not nrr_rows:
        return Chart(
            "retention-trend",
            title,
            question,
            None,
            "No NRR yet: NRR needs a month twelve months before it in the data.",
        )
    months = [row["month_start"] for row in nrr_rows]
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=months,
            y=[row["nrr"] for row in nrr_rows],
            name="NRR",
            mode="lines+markers",
            line={"color": NAVY, "width": 3},
            hovertemplate="NRR %{x|%b %Y}: %{y:.1%}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=months,
            y=[row["grr"] for row in nrr_rows],
            name="GRR",
            mode="lines+markers",
            line={"color": TEAL, "width": 3},
            hovertemplate="GRR %{x|%b %Y}: %{y:.1%}<extra></extra>",
        )
    )
    targets = {
        row["quarter_start"]: row["target"]
        for row in scorecard
        if row["kpi_name"] == "nrr" and row["target"] is not None
    }
    target_y = [targets.get(_quarter_start(month)) for month in months]
    if any(value is not None for value in target_y):
        fig.add_trace(
            go.Scatter(
                x=months,
                y=target_y,
                name="NRR target",
                mode="lines",
                line={"color": "#e76f51", "width": 2, "dash": "dash", "shape": "hv"},
                hovertemplate="NRR target %{x|%b %Y}: %{y:.1%}<extra></extra>",
            )
        )
    figure = _layout(fig, 320, yaxis={"tickformat": ".0%"}, xaxis={"tickformat": "%b %Y"})
    return Chart("retention-trend", title, question, figure)


def health_over_time(rows: Sequence[Row], months: int = 18) -> Chart:
    """Customers per health tier, month by month (the last `months` months)."""
    title = "Health distribution over time"
    question = "Is the book getting healthier or sliding towards red?"
    shown_months = sorted({row["month_start"] for row in rows})[-months:]
    shown = [row for row in rows if row["month_start"] in shown_months]
    if not shown:
        return Chart("health-trend", title, question, None)
    fig = go.Figure()
    for tier in ("green", "yellow", "red"):
        tier_rows = [row for row in shown if row["health_tier"] == tier]
        fig.add_trace(
            go.Bar(
                x=[row["month_start"] for row in tier_rows],
                y=[row["customers"] for row in tier_rows],
                name=tier.capitalize(),
                marker_color=TIER_COLOURS[tier],
                customdata=[[money(row["arr"]), pct(row["pct_of_arr"])] for row in tier_rows],
                hovertemplate=(
                    f"{tier.capitalize()} %{{x|%b %Y}}: %{{y}} customers, "
                    "%{customdata[0]} ARR (%{customdata[1]})<extra></extra>"
                ),
            )
        )
    figure = _layout(fig, 300, barmode="stack", xaxis={"tickformat": "%b %Y"})
    return Chart("health-trend", title, question, figure, height=300)


def churn_drivers(rows: Sequence[Row], months: int = 12) -> Chart:
    """Churned ARR per reason, month by month (the last `months` months with churn)."""
    title = "Why customers left: churned ARR by reason"
    question = "Which reasons cost us the most revenue, and are they recurring?"
    with_churn = [row for row in rows if row["churned_customers"]]
    shown_months = sorted({row["month_start"] for row in with_churn})[-months:]
    shown = [row for row in with_churn if row["month_start"] in shown_months]
    if not shown:
        return Chart("churn-drivers", title, question, None, "No churn in the period shown.")
    fig = go.Figure()
    palette = ["#d64545", "#e76f51", "#f4a261", "#e9c46a", "#8d99ae", "#6d597a", "#457b9d"]
    reasons = sorted({row["churn_reason"] for row in shown})
    for index, reason in enumerate(reasons):
        reason_rows = [row for row in shown if row["churn_reason"] == reason]
        fig.add_trace(
            go.Bar(
                x=[short_month(row["month_start"]) for row in reason_rows],
                y=[as_float(row["churned_arr"]) for row in reason_rows],
                name=reason.replace("_", " "),
                marker_color=palette[index % len(palette)],
                customdata=[[row["churned_customers"]] for row in reason_rows],
                hovertemplate=(
                    f"{reason.replace('_', ' ')}, %{{x}}: $%{{y:,.0f}} "
                    "(%{customdata[0]} customers)<extra></extra>"
                ),
            )
        )
    figure = _stacked_dollars(fig, [short_month(month) for month in shown_months])
    return Chart("churn-drivers", title, question, figure, height=300)


def cohort_heatmap(rows: Sequence[Row]) -> Chart:
    """Revenue retention by first-paid-month cohort and month since its start."""
    title = "Cohort revenue retention"
    question = "Do recent cohorts keep their revenue better than older ones at the same age?"
    if not rows:
        return Chart("cohort-heatmap", title, question, None)
    cohorts = sorted({row["cohort_month"] for row in rows})
    ages = sorted({row["months_since_start"] for row in rows})
    cells = {(row["cohort_month"], row["months_since_start"]): row for row in rows}
    z = [
        [cells[(c, a)]["revenue_retention"] if (c, a) in cells else None for a in ages]
        for c in cohorts
    ]
    text = [
        [pct(cells[(c, a)]["revenue_retention"], 0) if (c, a) in cells else "" for a in ages]
        for c in cohorts
    ]
    fig = go.Figure(
        go.Heatmap(
            x=ages,
            y=[short_month(cohort) for cohort in cohorts],
            z=z,
            text=text,
            texttemplate="%{text}",
            textfont={"size": 9},
            colorscale=[[0, "#d64545"], [0.5, "#f7f3e3"], [1, "#2e9e5b"]],
            zmid=1.0,
            colorbar={"tickformat": ".0%", "title": {"text": "of month 0"}},
            hovertemplate="Cohort %{y}, month %{x}: %{text}<extra></extra>",
            xgap=1,
            ygap=1,
        )
    )
    height = max(260, 22 * len(cohorts) + 90)
    figure = _layout(
        fig,
        height,
        xaxis={"title": {"text": "months since first paid month"}, "dtick": 3},
        yaxis={"autorange": "reversed", "type": "category"},
    )
    return Chart("cohort-heatmap", title, question, figure, height=height)


def forecast_bridge(row: Row | None) -> Chart:
    """Today's ARR to the ARR forecast at the horizon's last month end."""
    title = "ARR forecast"
    question = "Where will ARR be in twelve months if nothing changes?"
    if row is None:
        return Chart("arr-forecast", title, question, None)
    steps: list[tuple[str, str, Any, int]] = [
        ("ARR today", "absolute", row["current_arr"], 1),
        ("Confirmed cancellations", "relative", row["confirmed_churn_arr"], -1),
        ("Expected renewal churn", "relative", row["expected_renewal_churn_arr"], -1),
        ("Weighted expansion", "relative", row["weighted_expansion_arr"], 1),
        (f"Forecast {short_month(row['month_end'])}", "absolute", row["forecast_arr"], 1),
    ]
    fig = _waterfall(steps)
    figure = _layout(
        fig, 320, yaxis=_bridge_axis(row["current_arr"], row["forecast_arr"]), showlegend=False
    )
    return Chart("arr-forecast", f"{title} to {short_month(row['month_end'])}", question, figure)


WINDOWS = (
    ("closes_within_near_window", "Closing within 30 days", "#2a9d8f"),
    ("closes_within_far_window", "Closing within 90 days", "#8ecae6"),
    (None, "Later", "#c5ccd6"),
)


def pipeline_by_stage(rows: Sequence[Row], key: str = "pipeline") -> Chart:
    """Weighted ARR of the open expansion deals by stage, one segment per deal."""
    title = "Expansion pipeline by stage (weighted ARR)"
    question = "Which deals can we push over the line, and when do they close?"
    if not rows:
        return Chart(key, title, question, None, "No open expansion deal.")
    stages = list(dict.fromkeys(row["stage"] for row in rows))
    fig = go.Figure()
    placed: set[str] = set()
    for flag, label, colour in WINDOWS:
        window_rows = [
            row
            for row in rows
            if row["opportunity_id"] not in placed and (flag is None or row[flag])
        ]
        placed.update(row["opportunity_id"] for row in window_rows)
        if not window_rows:
            continue
        fig.add_trace(
            go.Bar(
                x=[row["stage"].replace("_", " ") for row in window_rows],
                y=[as_float(row["weighted_arr"]) for row in window_rows],
                name=label,
                marker={"color": colour, "line": {"color": "white", "width": 1}},
                customdata=[
                    [
                        row["account_name"] or row["account_id"],
                        money(row["amount_arr"]),
                        pct(row["stage_probability"], 0),
                        str(row["expected_close_date"]),
                    ]
                    for row in window_rows
                ],
                hovertemplate=(
                    "%{customdata[0]}: %{customdata[1]} × %{customdata[2]} = $%{y:,.0f}, "
                    "closes %{customdata[3]}<extra></extra>"
                ),
            )
        )
    figure = _stacked_dollars(fig, [stage.replace("_", " ") for stage in stages])
    return Chart(key, title, question, figure, height=300)


def health_backtest(rows: Sequence[Row]) -> Chart:
    """Share of each tier's customers that churned or shrank within the outcome window, for
    the latest month whose window has closed (health_score_backtest)."""
    title = "Does the health score warn early? Churn or contraction by tier"
    question = "Do red customers leave more often than green ones, months later?"
    if not rows:
        return Chart("health-backtest", title, question, None, "No closed outcome window yet.")
    month = rows[0]["month_start"]
    fig = go.Figure(
        go.Bar(
            x=[row["health_tier"].capitalize() for row in rows],
            y=[row["churn_or_contraction_rate"] for row in rows],
            marker_color=[TIER_COLOURS.get(row["health_tier"], GREY) for row in rows],
            text=[pct(row["churn_or_contraction_rate"]) for row in rows],
            textposition="outside",
            cliponaxis=False,
            customdata=[[row["customers"], str(row["outcome_window_end"])] for row in rows],
            hovertemplate=(
                "%{x}: %{text} of %{customdata[0]} customers churned or shrank "
                "by %{customdata[1]}<extra></extra>"
            ),
        )
    )
    figure = _layout(fig, 280, yaxis={"tickformat": ".0%"}, showlegend=False)
    return Chart(
        "health-backtest", f"{title}, scored {short_month(month)}", question, figure, height=280
    )


def books_beside_team(portfolios: Sequence[Row], team_nrr: Any) -> Chart:
    """Each CSM's portfolio NRR against their target, beside the team's NRR."""
    title = "Each CSM's book beside the team: NRR"
    question = "Whose book is growing, whose is shrinking, against their target?"
    if not portfolios:
        return Chart("books", title, question, None)
    names = [row["csm_name"] or row["csm_user_id"] for row in portfolios]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            x=names,
            y=[row["nrr"] for row in portfolios],
            name="Portfolio NRR",
            marker_color=[
                DOWN if row["nrr_target_status"] == "off_target" else NAVY for row in portfolios
            ],
            text=[pct(row["nrr"]) for row in portfolios],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{x}: NRR %{text}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=names,
            y=[row["nrr_target"] for row in portfolios],
            name="Target",
            mode="markers",
            marker={"symbol": "line-ew", "size": 36, "line": {"width": 3, "color": "#e76f51"}},
            hovertemplate="%{x}: target %{y:.0%}<extra></extra>",
        )
    )
    if team_nrr is not None:
        fig.add_trace(
            go.Scatter(
                x=names,
                y=[team_nrr for _ in names],
                name=f"Team NRR {pct(team_nrr)}",
                mode="lines",
                line={"color": GREY, "dash": "dot", "width": 2},
                hovertemplate=f"Team NRR {pct(team_nrr)}<extra></extra>",
            )
        )
    figure = _layout(fig, 300, yaxis={"tickformat": ".0%"})
    return Chart("books", title, question, figure, height=300)


def book_beside_team(book: Row | None, team: dict[str, Any], name: str) -> Chart:
    """One CSM's NRR, GRR and at-risk shares beside the team's."""
    title = "My book beside the team"
    question = "Is my book doing better or worse than the team's?"
    if book is None:
        return Chart("my-book", title, question, None, "No book at the as-of date.")
    measures = [
        ("NRR", "nrr", "nrr"),
        ("GRR", "grr", "grr"),
        ("At-risk customers", "at_risk_customer_share", "at_risk_customer_share"),
    ]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            x=[label for label, _, _ in measures],
            y=[book[column] for _, column, _ in measures],
            name=name,
            marker_color=NAVY,
            text=[pct(book[column]) for _, column, _ in measures],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{x}: %{text}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Bar(
            x=[label for label, _, _ in measures],
            y=[team.get(key) for _, _, key in measures],
            name="Team",
            marker_color="#b8c4d6",
            text=[pct(team.get(key)) for _, _, key in measures],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="Team %{x}: %{text}<extra></extra>",
        )
    )
    figure = _layout(fig, 280, barmode="group", yaxis={"tickformat": ".0%"})
    return Chart("my-book", title, question, figure, height=280)
