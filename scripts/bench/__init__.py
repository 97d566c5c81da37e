"""The parts of scripts/benchmark.py: dataset, measured dbt runs, report."""
