"""Deterministic generator of the project's raw demo data (see scripts/generate_demo_data.py)."""
