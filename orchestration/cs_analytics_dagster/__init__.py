"""Dagster definitions for the cs_analytics dbt project (an optional extra: requirements-dagster.txt).

The code location is the module `cs_analytics_dagster.definitions` (its `defs`); the module
`cs_analytics_dagster.factory` builds them, without side effects, for any project folder and
deployment. See the README's section "With an orchestrator: Dagster".
"""
