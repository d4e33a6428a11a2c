"""``smartlead-async``: the command line (``python -m smartlead_async`` works too).

    smartlead-async import leads.csv --campaign 123 [--resume] [--dry-run] [--json]

Columns map to lead fields by name (``Email``, ``First Name``, ``company`` … are recognised);
``--map field=Column`` overrides, ``--ignore Column`` drops, and every other column becomes a
custom field. The CSV is streamed, never loaded whole. Acknowledged batches are journalled next
to the input, so ``--resume`` after a crash or Ctrl-C continues without re-sending or losing
rows. Ctrl-C stops reading, lets the batches in flight finish, and saves the journal.
"""

from __future__ import annotations

import argparse
import array
import asyncio
import contextlib
import csv
import json
import os
import signal
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from smartlead_async._client import DEFAULT_BASE_URL, SmartleadClient
from smartlead_async._ratelimit import DEFAULT_RATE_LIMITS, RateLimit
from smartlead_async._validation import LEAD_FIELDS
from smartlead_async.bulk import DEFAULT_CONCURRENCY, ImportReport, RowOutcome
from smartlead_async.errors import SmartleadError
from smartlead_async.journal import Journal

__all__ = ["main"]

#: Header spellings (lower-cased, separators removed) recognised for each lead field.
_ALIASES = {
    "email": "email",
    "emailaddress": "email",
    "firstname": "first_name",
    "lastname": "last_name",
    "phone": "phone_number",
    "phonenumber": "phone_number",
    "company": "company_name",
    "companyname": "company_name",
    "website": "website",
    "location": "location",
    "linkedin": "linkedin_profile",
    "linkedinprofile": "linkedin_profile",
    "linkedinurl": "linkedin_profile",
    "companyurl": "company_url",
}


def _key(header: str) -> str:
    return "".join(ch for ch in header.lower() if ch.isalnum())


def column_mapping(
    headers: Sequence[str], overrides: dict[str, str], ignored: set[str]
) -> dict[str, str]:
    """CSV column → lead field (or ``custom:<name>`` for a custom field)."""
    mapping: dict[str, str] = {}
    claimed = {column: field for field, column in overrides.items()}
    for header in headers:
        if header in ignored:
            continue
        if header in claimed:
            mapping[header] = claimed[header]
        elif (field := _ALIASES.get(_key(header))) and field not in claimed.values():
            mapping[header] = field
        else:
            mapping[header] = f"custom:{header}"
    return mapping


def row_to_lead(row: dict[str, str], mapping: dict[str, str]) -> dict[str, object]:
    """One CSV row as a wire-keyed lead (empty cells left out)."""
    lead: dict[str, object] = {}
    custom: dict[str, object] = {}
    for column, target in mapping.items():
        value = (row.get(column) or "").strip()
        if not value:
            continue
        if target.startswith("custom:"):
            custom[target.removeprefix("custom:")] = value
        else:
            lead[target] = value
    if custom:
        lead["custom_fields"] = custom
    return lead


class Progress:
    """Progress on stderr: rows, rows/s, % and ETA.

    On a terminal one line is redrawn in place; in a log (not a TTY) a line is written at each
    10 % step instead, so that CI logs stay readable.
    """

    def __init__(self, total: int | None, stream: TextIO, enabled: bool) -> None:
        self._total = total
        self._stream = stream
        self._enabled = enabled
        self._tty = stream.isatty()
        self._logged_step = 0
        self._started = time.perf_counter()

    def update(self, done: int, _total: int | None, _report: ImportReport) -> None:
        """Redraw (the ``on_progress`` callback of ``bulk_import``)."""
        if not self._enabled:
            return
        if not self._tty:
            step = done * 10 // self._total if self._total else 0
            if step <= self._logged_step:
                return
            self._logged_step = step
        elapsed = time.perf_counter() - self._started
        rate = done / elapsed if elapsed else 0.0
        line = f"{done:,} rows  {rate:,.0f} rows/s"
        if self._total:
            eta = (self._total - done) / rate if rate else 0.0
            line += f"  {done / self._total:.0%}  ETA {eta:,.0f}s"
        self._stream.write(f"\r{line}" if self._tty else f"{line}\n")
        self._stream.flush()

    def close(self) -> None:
        """End the progress line."""
        if self._enabled and self._tty:
            self._stream.write("\n")


def _rate(text: str) -> RateLimit:
    count, slash, seconds = text.partition("/")
    if not slash:
        raise argparse.ArgumentTypeError("use N/SECONDS, e.g. 10/2")
    return RateLimit(int(count), float(seconds))


def _pair(text: str) -> tuple[str, str]:
    field, eq, column = text.partition("=")
    if not eq or field not in LEAD_FIELDS:
        raise argparse.ArgumentTypeError(f"use FIELD=Column with FIELD in {sorted(LEAD_FIELDS)}")
    return field, column


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(prog="smartlead-async", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    imp = commands.add_parser("import", help="import a CSV of leads into a campaign")
    imp.add_argument("csv", type=Path)
    imp.add_argument("--campaign", type=int, required=True)
    imp.add_argument("--api-key", help="default: $SMARTLEAD_API_KEY")
    imp.add_argument("--base-url", default=os.environ.get("SMARTLEAD_BASE_URL", DEFAULT_BASE_URL))
    imp.add_argument("--rate", type=_rate, action="append", help="N/SECONDS (repeatable)")
    imp.add_argument("--map", type=_pair, action="append", default=[], help="FIELD=Column")
    imp.add_argument("--ignore", action="append", default=[], help="a column to drop")
    imp.add_argument("--batch-size", type=int, default=100)
    imp.add_argument("--concurrency", type=int, default=DEFAULT_CONCURRENCY)
    imp.add_argument("--resume", action="store_true", help="skip rows a journal acknowledged")
    imp.add_argument("--journal", type=Path, help="default: <csv>.smartlead-journal")
    imp.add_argument("--rejected", type=Path, help="default: <csv>.rejected.csv")
    imp.add_argument("--dry-run", action="store_true", help="validate only; send nothing")
    imp.add_argument(
        "--no-dedupe", action="store_true", help="leave repeated emails to SmartLead's dedupe"
    )
    imp.add_argument("--json", action="store_true", help="print the report as JSON")
    imp.add_argument("--no-progress", action="store_true")
    return parser.parse_args(list(argv))


def _count_rows(path: Path) -> int:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return max(0, sum(1 for _ in csv.reader(handle)) - 1)


async def run_import(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """The ``import`` command. Returns the exit status."""
    journal_path = args.journal or args.csv.with_name(args.csv.name + ".smartlead-journal")
    if journal_path.exists() and not args.resume and not args.dry_run:
        err.write(f"{journal_path} exists: pass --resume to continue that import\n")
        return 2
    journal = Journal(journal_path, args.campaign) if not args.dry_run else None
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    with contextlib.suppress(NotImplementedError, RuntimeError):
        loop.add_signal_handler(signal.SIGINT, stop.set)
    csv_rows = array.array("q")  # importer row number -> CSV row number (8 bytes a row)
    skipped = 0

    def leads(handle: TextIO) -> Iterator[dict[str, object]]:
        nonlocal skipped
        reader = csv.DictReader(handle)
        mapping = column_mapping(reader.fieldnames or [], dict(args.map), set(args.ignore))
        for number, row in enumerate(reader):
            if stop.is_set():
                return
            if journal is not None and journal.is_acknowledged(number):
                skipped += 1
                continue
            csv_rows.append(number)
            yield row_to_lead(row, mapping)

    total = _count_rows(args.csv)
    progress = Progress(total, err, enabled=not args.no_progress)
    try:
        async with SmartleadClient(
            args.api_key,
            base_url=args.base_url,
            rate_limits=args.rate or DEFAULT_RATE_LIMITS,
        ) as client:
            with args.csv.open(newline="", encoding="utf-8-sig") as handle:
                stream = client.leads.bulk_import_stream(
                    args.campaign,
                    leads(handle),
                    batch_size=args.batch_size,
                    concurrency=args.concurrency,
                    on_progress=progress.update,
                    dry_run=args.dry_run,
                    dedupe_input=not args.no_dedupe,
                )
                async for batch in stream:
                    if journal is not None and batch.response is not None:
                        journal.record(csv_rows[i] for i in batch.rows)
                report = stream.report
    except SmartleadError as exc:
        err.write(f"import failed: {exc}\n")
        return 1
    finally:
        progress.close()
        if journal is not None:
            journal.close()
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.remove_signal_handler(signal.SIGINT)
    rejected = args.rejected or args.csv.with_name(args.csv.name + ".rejected.csv")
    written = _write_rejected(rejected, report, csv_rows)
    _print_report(
        report,
        out,
        skipped=skipped,
        rejected=rejected if written else None,
        as_json=args.json,
        interrupted=stop.is_set(),
    )
    return 0 if report.counts[RowOutcome.FAILED] == 0 else 1


def _write_rejected(path: Path, report: ImportReport, csv_rows: array.array[int]) -> int:
    rows = [r for outcome, results in report.rows.items() for r in results]
    if not rows:
        return 0
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["csv_row", "email", "outcome", "reason"])
        for result in sorted(rows, key=lambda r: r.row):
            writer.writerow(
                [csv_rows[result.row] + 1, result.email or "", result.outcome, result.reason]
            )
    return len(rows)


def _print_report(
    report: ImportReport,
    out: TextIO,
    *,
    skipped: int,
    rejected: Path | None,
    as_json: bool,
    interrupted: bool,
) -> None:
    summary: dict[str, object] = {
        "rows": report.total_rows,
        "skipped_already_acknowledged": skipped,
        **{outcome.value: count for outcome, count in report.counts.items()},
        "ambiguous_batches": len(report.ambiguous),
        "batches": report.batches,
        "failed_batches": report.failed_batches,
        "retries": report.retries,
        "elapsed_s": round(report.elapsed, 2),
        "requests_per_s": round(report.requests_per_second, 2),
        "interrupted": interrupted,
        "stop_reason": report.stop_reason,
        "rejected_csv": str(rejected) if rejected else None,
    }
    if as_json:
        out.write(json.dumps(summary, indent=2) + "\n")
        return
    width = max(len(key) for key in summary)
    for key, value in summary.items():
        out.write(f"{key.ljust(width)}  {value}\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``smartlead-async``."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        return asyncio.run(run_import(args, sys.stdout, sys.stderr))
    except SmartleadError as exc:  # configuration errors, e.g. no API key
        sys.stderr.write(f"error: {exc}\n")
        return 2
