"""Tests of the Dagster definitions: a package, so that pytest puts orchestration/ on sys.path."""
