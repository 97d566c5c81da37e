#!/usr/bin/env python3
"""Generate the project's raw demo data: the 18 tables of docs/input-contract.md.

Simulates a B2B SaaS company's CRM, billing, product usage, surveys and help desk with a
hidden, drifting health per account that drives usage, scores, tickets, goals, expansion,
contraction and churn, then (optionally) adds a counted share of faulty rows per the
data-quality rules in seeds/data_quality_rules.csv. Output is deterministic: the same
arguments always produce byte-identical files.

Examples:
    python scripts/generate_demo_data.py                          # demo preset into data/raw
    python scripts/generate_demo_data.py --end-date 2025-06-30 --dirty-share 0
    python scripts/generate_demo_data.py --preset large --format parquet --out /tmp/large
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from datetime import date
from pathlib import Path

SCRIPT_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = SCRIPT_DIR.parent
if str(SCRIPT_DIR) not in sys.path:
    sys.path.insert(0, str(SCRIPT_DIR))

import numpy as np

from demo_data.config import MAX_ACCOUNTS, PRESETS, Config
from demo_data.faults import (
    FaultContext,
    add_case_variants,
    fault_count,
    make_faulty_rows,
    merge_at_random,
    read_rules,
)
from demo_data.schema import TABLE_COLUMNS, TABLES
from demo_data.simulate import World
from demo_data.usage import generate_events
from demo_data.writers import ChunkSink, write_rows

RULES_PATH = PROJECT_ROOT / "seeds" / "data_quality_rules.csv"
MANIFEST_NAME = "_injected_faults.csv"


class _HelpFormatter(argparse.ArgumentDefaultsHelpFormatter, argparse.RawDescriptionHelpFormatter):
    """Shows defaults (except unset ones, which come from the preset) and keeps the epilog's layout."""

    def _get_help_string(self, action: argparse.Action) -> str:
        if action.default is None:
            return action.help or ""
        return super()._get_help_string(action)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options; preset values apply where a flag is not given."""
    parser = argparse.ArgumentParser(
        prog="generate_demo_data.py",
        description=(
            "Write the 18 raw tables (CRM, billing, usage, surveys, support) of a simulated B2B SaaS\n"
            "company into a landing directory, deterministically from --seed. A hidden, drifting\n"
            "health per account drives usage, survey scores, tickets, goals, expansion, contraction\n"
            "and churn. With --dirty-share > 0, faulty rows are added per seeds/data_quality_rules.csv\n"
            f"and counted in {MANIFEST_NAME}."
        ),
        epilog=(
            "presets:\n"
            "  demo   300 accounts, 36 months, ~1.5M usage events (a few seconds)\n"
            "  large  5,000 accounts, 36 months, ~60M usage events (about a minute; prefer --format parquet)\n"
            "  Explicit flags override preset values.\n\n"
            "output:\n"
            "  <table>.csv or <table>.parquet for each of the 18 raw tables, and _injected_faults.csv\n"
            "  (table_name,reason,rows): the faulty rows added per data-quality rule.\n\n"
            "examples:\n"
            "  python scripts/generate_demo_data.py --end-date 2025-06-30\n"
            "  python scripts/generate_demo_data.py --accounts 40 --months 12 --dirty-share 0 --out /tmp/raw\n"
            "  python scripts/generate_demo_data.py --preset large --format parquet --out /tmp/large\n"
        ),
        formatter_class=_HelpFormatter,
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=PROJECT_ROOT / "data" / "raw",
        help="landing directory (created if missing)",
    )
    parser.add_argument(
        "--seed", type=int, default=42, help="random seed; same seed + options = same bytes"
    )
    parser.add_argument("--preset", choices=sorted(PRESETS), default="demo", help="size preset")
    parser.add_argument(
        "--accounts",
        type=int,
        default=None,
        help="number of CRM accounts (default: from the preset)",
    )
    parser.add_argument(
        "--months",
        type=int,
        default=None,
        help="months of history up to --end-date (default: from the preset): new accounts "
        "sign up, and usage, tickets, surveys and CS activities are recorded, within them; "
        "about a third of the accounts are long-standing customers whose contracts "
        "(billing and CRM history) start up to two years earlier",
    )
    parser.add_argument(
        "--end-date",
        type=date.fromisoformat,
        default=None,
        help="last day of data, YYYY-MM-DD (default: today); nothing is dated later "
        "except due dates, expected close dates, term ends and go-live targets",
    )
    parser.add_argument(
        "--format",
        dest="file_format",
        choices=("csv", "parquet"),
        default="csv",
        help="file format of the tables",
    )
    parser.add_argument(
        "--dirty-share",
        type=float,
        default=0.01,
        help="faulty rows added per (table, reason), as a share of the table's clean rows "
        "(at least 1 each; usage_events capped at 1,000); 0 = perfectly clean",
    )
    parser.add_argument(
        "--events-per-account",
        type=int,
        default=None,
        help="mean usage events per account over the history (default: from the preset)",
    )
    args = parser.parse_args(argv)
    preset = PRESETS[args.preset]
    for key in ("accounts", "months", "events_per_account"):
        if getattr(args, key) is None:
            setattr(args, key, preset[key])
    if args.end_date is None:
        args.end_date = date.today()
    if not 1 <= args.accounts <= MAX_ACCOUNTS:
        parser.error(f"--accounts must be between 1 and {MAX_ACCOUNTS}")
    if args.months < 1:
        parser.error("--months must be at least 1")
    if not 0 <= args.dirty_share <= 1:
        parser.error("--dirty-share must be between 0 and 1")
    if args.events_per_account < 0:
        parser.error("--events-per-account must not be negative")
    return args


def config_from_args(args: argparse.Namespace) -> Config:
    """The run's Config."""
    return Config(
        out_dir=args.out.resolve(),
        seed=args.seed,
        accounts=args.accounts,
        months=args.months,
        end_date=args.end_date,
        file_format=args.file_format,
        dirty_share=args.dirty_share,
        events_per_account=args.events_per_account,
        preset=args.preset,
    )


def clear_old_outputs(out_dir: Path) -> None:
    """Remove files of a previous run in either format, so the directory holds one consistent set."""
    for name in TABLES:
        for ext in ("csv", "parquet"):
            (out_dir / f"{name}.{ext}").unlink(missing_ok=True)
    (out_dir / MANIFEST_NAME).unlink(missing_ok=True)


def write_manifest(out_dir: Path, counts: list[tuple[str, str, int]]) -> None:
    """The injected-fault manifest: one row per (table_name, reason)."""
    with (out_dir / MANIFEST_NAME).open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(("table_name", "reason", "rows"))
        writer.writerows(counts)


def run(cfg: Config) -> dict[str, int]:
    """Generate everything; returns the row count of each written table."""
    rules = read_rules(RULES_PATH)
    cfg.out_dir.mkdir(parents=True, exist_ok=True)
    clear_old_outputs(cfg.out_dir)
    world = World(cfg)
    world.run()

    sink = ChunkSink(cfg.out_dir / "usage_events", TABLE_COLUMNS["usage_events"], cfg.file_format)
    events = generate_events(world, sink)

    fault_rng = np.random.default_rng([cfg.seed, 9])
    if cfg.dirty_share > 0:
        add_case_variants(world.tables, fault_rng)
    clean = {name: list(world.tables[name].rows) for name in TABLES if name != "usage_events"}
    clean["usage_events"] = events.pool
    clean_counts = {name: len(rows) for name, rows in clean.items()}
    clean_counts["usage_events"] = events.rows
    ctx = FaultContext(rng=fault_rng, ids=world.ids, next_event_number=events.rows + 1)
    injected: dict[str, list] = {name: [] for name in TABLES}
    manifest: list[tuple[str, str, int]] = []
    for table, reason in rules:
        n = fault_count(cfg.dirty_share, clean_counts[table], table)
        rows = (
            make_faulty_rows(table, reason, clean[table], TABLE_COLUMNS[table], n, ctx) if n else []
        )
        injected[table].extend(rows)
        manifest.append((table, reason, len(rows)))

    sink.write_rows(injected["usage_events"])
    sink.close()
    counts = {"usage_events": sink.rows}
    for name in TABLES:
        if name == "usage_events":
            continue
        rows = merge_at_random(world.tables[name].rows, injected[name], fault_rng)
        write_rows(cfg.out_dir / name, TABLE_COLUMNS[name], rows, cfg.file_format)
        counts[name] = len(rows)
    write_manifest(cfg.out_dir, manifest)
    return counts


def main(argv: list[str] | None = None) -> int:
    """CLI entry point."""
    args = parse_args(argv)
    cfg = config_from_args(args)
    started = time.perf_counter()
    counts = run(cfg)
    elapsed = time.perf_counter() - started
    print(
        f"Wrote {len(counts)} tables ({cfg.file_format}) to {cfg.out_dir} "
        f"[seed {cfg.seed}, {cfg.accounts} accounts, {cfg.months} months to {cfg.end_date}, "
        f"dirty share {cfg.dirty_share}]"
    )
    for name in TABLES:
        print(f"  {name:<28} {counts[name]:>12,} rows")
    print(f"Done in {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
