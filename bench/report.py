"""The figures of ``bench/run.py``: as JSON, or as text for a person."""

from __future__ import annotations

import argparse
import json
import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bench.run import RunFigures


def report(
    args: argparse.Namespace,
    initial: RunFigures,
    plain: RunFigures,
    update: RunFigures | None,
    baselines: tuple[float, float, float],
    rates: tuple[float, float, float],
    ratios: tuple[float, float, float, float],
) -> None:
    single_rate, pool_rate, efficiency = rates
    base_read, base_load, base_write = baselines
    p = initial.phases
    q = plain.phases
    total = sum(p.values())
    plain_total = sum(q.values())
    preview = plain.preview_s
    workers = os.cpu_count() or 1
    figures: dict[str, Any] = {
        "rows": args.rows,
        "format": args.format,
        "phases": {k: round(v, 3) for k, v in p.items()},
        "phases_without_hashing": {k: round(v, 3) for k, v in q.items() if k != "hashing"},
        "total_s": round(total, 3),
        "total_without_hashing_s": round(plain_total, 3),
        "baseline_read_s": round(base_read, 3),
        "baseline_load_s": round(base_load, 3),
        "baseline_write_s": round(base_write, 3),
        "preview_s": round(preview, 3),
        "preview_baseline_s": round(plain.base_read_s + plain.base_load_s, 3),
        "read_to_preview_ratio": round(ratios[0], 2),
        "read_to_preview_cpu_ratio": round(ratios[2], 2),
        "write_ratio": round(q["write"] / base_write, 2),
        "hashes_per_s": round(pool_rate, 1),
        "hashes_per_s_one_thread": round(single_rate, 1),
        "hash_pool_efficiency": round(efficiency, 2),
        "peak_rss_mb": round(
            max(f.peak_mb["protocol"] for f in (initial, plain, update) if f is not None), 1
        ),
        "peak_rss_mb_by_phase": {k: round(v, 1) for k, v in initial.peak_mb.items()},
    }
    if update is not None:
        u = update.phases
        u_preview = update.preview_s
        figures["update"] = {
            "phases": {k: round(v, 3) for k, v in u.items()},
            "total_s": round(sum(u.values()), 3),
            "preview_s": round(u_preview, 3),
            "read_to_preview_ratio": round(ratios[1], 2),
            "read_to_preview_cpu_ratio": round(ratios[3], 2),
            "baseline_read_s": round(update.base_read_s, 3),
            "baseline_load_s": round(update.base_load_s, 3),
            "peak_rss_mb": round(update.peak_mb["protocol"], 1),
            "peak_rss_mb_by_phase": {k: round(v, 1) for k, v in update.peak_mb.items()},
        }
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"{args.rows} rows, {args.format}, {workers} cores")
    for name, seconds in p.items():
        peak = initial.peak_mb.get(name)
        memory = f"   peak {peak:6.0f} MB" if peak is not None else ""
        print(f"  {name:<14} {seconds:8.3f} s{memory}")
    print(f"  {'total':<14} {total:8.3f} s")
    print(f"the same import without password hashing: {plain_total:.3f} s")
    for name, seconds in q.items():
        if name != "hashing":
            print(f"  {name:<14} {seconds:8.3f} s")
    print(f"baselines: read {base_read:.3f} s, load {base_load:.3f} s, write {base_write:.3f} s")
    print(
        f"read→preview {figures['read_to_preview_ratio']}× bare read (without hashing; "
        f"CPU {figures['read_to_preview_cpu_ratio']}×); "
        f"write {figures['write_ratio']}× bare insert; {figures['hashes_per_s']} hashes/s "
        f"({figures['hash_pool_efficiency']} of ideal); peak RSS {figures['peak_rss_mb']} MB"
    )
    if update is not None:
        print("update (10 % changed, 5 % gone, 5 % new):")
        for name, seconds in update.phases.items():
            print(f"  {name:<14} {seconds:8.3f} s")
        print(
            f"  total {figures['update']['total_s']} s, read→preview "
            f"{figures['update']['read_to_preview_ratio']}× bare read + load "
            f"(CPU {figures['update']['read_to_preview_cpu_ratio']}×)"
        )
