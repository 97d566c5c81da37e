"""The Dagster code location: `dagster dev -m cs_analytics_dagster.definitions -d orchestration`.

Configured by environment variables (see `Deployment.from_env` and the README): CS_RAW_DATA_DIR,
CS_STATE_DIR, CS_SERVING_DIR, CS_AS_OF_DATE. Loading it parses the dbt project into
target/dagster/manifest.json when that is missing or older than a project file.
"""

from __future__ import annotations

from cs_analytics_dagster.factory import Deployment, build_definitions

defs = build_definitions(Deployment.from_env())
