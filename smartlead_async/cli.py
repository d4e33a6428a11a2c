"""``smartlead-async``: the command line (``python -m smartlead_async`` works too).

    smartlead-async import leads.csv --campaign 123 [--resume] [--dry-run] [--json]

Columns map to lead fields by name (``Email``, ``First Name``, ``company`` … are recognised);
``--map field=Column`` overrides, ``--ignore Column`` drops, and every other column becomes a
custom field. The CSV is streamed, never loaded whole. Leads that reached a final outcome are
journalled next to the input, keyed by email, so ``--resume`` after a crash, a stop or an edit
of the CSV sends exactly the rows that are not done yet.

Exit status: 0 when every row is final, 1 when rows are still open (the rejected-rows CSV lists
them), 2 for usage and input errors, 128 + the signal number after SIGINT (130) or SIGTERM (143).
The first signal stops reading and lets the batches in flight finish; a second one aborts them.
"""

from __future__ import annotations

import argparse
import array
import asyncio
import codecs
import contextlib
import csv
import io
import json
import os
import signal
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import NoReturn, TextIO
from urllib.parse import urlsplit

from smartlead_async import __version__
from smartlead_async._client import API_KEY_ENV, DEFAULT_BASE_URL, SmartleadClient
from smartlead_async._lead_codec import LEAD_FIELDS
from smartlead_async._options import BASE_URL_ENV
from smartlead_async._ratelimit import DEFAULT_RATE_LIMITS, RateLimit
from smartlead_async._secrets import APIKey, scrub
from smartlead_async._validation import MAX_LEADS_PER_REQUEST
from smartlead_async.bulk import DEFAULT_CONCURRENCY, ImportReport, RowOutcome
from smartlead_async.errors import (
    AuthenticationError,
    ConfigurationError,
    NotFoundError,
    PermissionDeniedError,
    SmartleadError,
)
from smartlead_async.journal import Journal, JournalMismatchError, journal_key

__all__ = ["column_mapping", "main", "parse_args", "row_to_lead", "run_import"]

EXIT_OK = 0
EXIT_OPEN = 1
EXIT_USAGE = 2
DEFAULT_ENCODING = "utf-8-sig"
#: csv's default (128 KiB) would stop the whole file at one long cell; the engine rejects an
#: over-long row by itself, with its line in the rejected-rows CSV.
FIELD_SIZE_LIMIT = 64 * 1024 * 1024
#: Bytes decoded at a time by CsvSource.check_text.
_CHECK_CHUNK = 1 << 20
#: Cells starting with these are formulas to a spreadsheet (CSV injection); see _cell.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

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
_CUSTOM = "custom:"


class InputError(Exception):
    """A usage or input problem: reported as one line on stderr, exit status 2."""


class _UnavailableError(Exception):
    """SmartLead could not be asked (before anything was sent): exit status 1."""


def _key(header: str) -> str:
    return "".join(ch for ch in header.lower() if ch.isalnum())


def column_mapping(
    headers: Sequence[str], overrides: dict[str, str], ignored: set[str]
) -> dict[int, str]:
    """Column position → lead field, or ``custom:<name>`` for a custom field.

    Ignored columns and columns with an empty header are left out.

    Raises:
        InputError: A ``--map``/``--ignore`` names no column, two columns could both be one
            field (``Email`` and ``Email Address``), two columns share a name, or there is no
            email column.
    """
    names = [header.strip() for header in headers]
    for column in [*overrides.values(), *ignored]:
        if column not in names:
            raise InputError(f"no column named {column!r}; the columns are {names}")
    for column in overrides.values():
        if names.count(column) > 1:
            raise InputError(f"{names.count(column)} columns are named {column!r}: rename them")
    claimed = {column: field for field, column in overrides.items()}
    candidates: dict[str, list[str]] = {}
    for name in names:
        alias = _ALIASES.get(_key(name))
        if name and name not in ignored and name not in claimed and alias:
            candidates.setdefault(alias, []).append(name)
    for field, columns in candidates.items():
        if len(columns) > 1 and field not in overrides:
            listed = " and ".join(repr(column) for column in columns)
            raise InputError(
                f"columns {listed} could both be {field}: pass --map {field}=COLUMN "
                "to choose one (the other becomes a custom field)"
            )
    mapping: dict[int, str] = {}
    for index, name in enumerate(names):
        if not name or name in ignored:
            continue
        if name in claimed:
            mapping[index] = claimed[name]
        elif (alias := _ALIASES.get(_key(name))) and alias not in overrides:
            mapping[index] = alias
        else:
            mapping[index] = f"{_CUSTOM}{name}"
    targets = list(mapping.values())
    for target in targets:
        if targets.count(target) > 1:
            column = target.removeprefix(_CUSTOM)
            raise InputError(f"two columns are named {column!r}: rename one or --ignore them")
    if "email" not in targets:
        raise InputError(f"no email column among {names}: pass --map email=COLUMN")
    return mapping


def describe_mapping(headers: Sequence[str], mapping: dict[int, str]) -> str:
    """The column mapping as printed before an import (and by ``--dry-run``)."""
    width = max((len(header.strip()) for header in headers), default=0)
    lines = ["column mapping:"]
    for index, header in enumerate(headers):
        target = mapping.get(index)
        shown = (
            "ignored"
            if target is None
            else f"custom field {target.removeprefix(_CUSTOM)!r}"
            if target.startswith(_CUSTOM)
            else target
        )
        name = header.strip() or "(empty header)"
        lines.append(f"  {index + 1:>3}  {name.ljust(width)}  -> {shown}")
    return "\n".join(lines) + "\n"


def row_to_lead(fields: Sequence[str], mapping: dict[int, str]) -> dict[str, object]:
    """One CSV record as a wire-keyed lead (empty cells left out)."""
    lead: dict[str, object] = {}
    custom: dict[str, object] = {}
    for index, target in mapping.items():
        value = fields[index].strip() if index < len(fields) else ""
        if not value:
            continue
        if target.startswith(_CUSTOM):
            custom[target.removeprefix(_CUSTOM)] = value
        else:
            lead[target] = value
    if custom:
        lead["custom_fields"] = custom
    return lead


class CsvSource:
    """The input file: opened with one encoding, read as ``(line number, fields)`` records.

    Every problem (missing file, unknown encoding, undecodable bytes, malformed CSV) is an
    :class:`InputError` naming the file and, where there is one, the line.
    """

    def __init__(self, path: Path, encoding: str) -> None:
        self.path = path
        self.encoding = encoding
        #: While records() reads: where in the file's bytes it is, and the file's size.
        self._reading: tuple[Callable[[], int], int] | None = None
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r}") from None

    @contextlib.contextmanager
    def records(self) -> Iterator[Iterator[tuple[int, list[str]]]]:
        """Open the file; yields an iterator of its non-blank records with their first line."""
        try:
            raw = self.path.open("rb")
        except OSError as exc:
            raise InputError(f"cannot read {self.path}: {exc.strerror or exc}") from None
        with io.TextIOWrapper(raw, encoding=self.encoding, newline="") as handle:
            self._reading = raw.tell, os.fstat(raw.fileno()).st_size
            try:
                yield self._read(handle)
            finally:
                self._reading = None

    def fraction_read(self) -> float | None:
        """The share of the file's bytes the open :meth:`records` has decoded (text is decoded
        a few KiB ahead of the CSV reader); ``None`` when not reading or the file is empty."""
        if self._reading is None or not self._reading[1]:
            return None
        position, size = self._reading
        return min(position() / size, 1.0)

    def _read(self, handle: TextIO) -> Iterator[tuple[int, list[str]]]:
        csv.field_size_limit(max(csv.field_size_limit(), FIELD_SIZE_LIMIT))  # process-wide
        reader = csv.reader(handle)
        line = 1
        while True:
            try:
                fields = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError as exc:
                raise InputError(self._undecodable(exc)) from None
            except csv.Error as exc:
                raise InputError(f"{self.path} line {reader.line_num}: {exc}") from None
            if fields:
                yield line, fields
            line = reader.line_num + 1

    def _undecodable(self, exc: UnicodeDecodeError) -> str:
        # The text layer decodes in chunks, so the error does not know its line: find it.
        decoder = codecs.getincrementaldecoder(self.encoding)()
        where = ""
        with self.path.open("rb") as raw:
            for number, chunk in enumerate(raw, start=1):
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    where = f" line {number}"
                    break
        return (
            f"{self.path}{where}: not {self.encoding} text ({exc.reason}); "
            "pass its encoding, e.g. --encoding latin-1 or --encoding utf-16"
        )

    def header(self) -> list[str]:
        """The header, once the whole file is known to decode (see :meth:`check_text`)."""
        self.check_text()
        with self.records() as records:
            first = next(records, None)
            if first is None:
                raise InputError(f"{self.path} is empty: it needs a header line")
            return first[1]

    def check_text(self) -> None:
        """Decode the whole file, bytes to text only, so that an undecodable file is refused
        before anything is sent. No CSV parsing: this runs at the codec's C speed, a small part
        of what reading the records costs."""
        decoder = codecs.getincrementaldecoder(self.encoding)()
        try:
            with self.path.open("rb") as raw:
                while chunk := raw.read(_CHECK_CHUNK):
                    decoder.decode(chunk)
                decoder.decode(b"", final=True)
        except OSError as exc:
            raise InputError(f"cannot read {self.path}: {exc.strerror or exc}") from None
        except UnicodeDecodeError as exc:
            raise InputError(self._undecodable(exc)) from None


class Progress:
    """Progress on stderr: rows, rows/s, %, ETA and open rows, against the ``total`` each update
    gives (an estimate while the file is read: see ``_Run.estimated_rows``).

    On a terminal one line is redrawn in place; in a log (not a TTY) a line is written at each
    10 % step instead, so that CI logs stay readable.
    """

    def __init__(self, stream: TextIO, enabled: bool) -> None:
        self._stream = stream
        self._enabled = enabled
        self._tty = stream.isatty()
        self._logged_step = 0
        self._started = time.perf_counter()

    def update(self, done: int, total: int | None, report: ImportReport) -> None:
        """Redraw (the ``on_progress`` callback of ``bulk_import``)."""
        if not self._enabled:
            return
        if not self._tty:
            step = done * 10 // total if total else 0
            if step <= self._logged_step:
                return
            self._logged_step = step
        elapsed = time.perf_counter() - self._started
        rate = done / elapsed if elapsed else 0.0
        line = f"{done:,} rows  {rate:,.0f} rows/s"
        if total:
            eta = (total - done) / rate if rate else 0.0
            line += f"  {done / total:.0%}  ETA {eta:,.0f}s"
        if not report.dry_run and (still_open := report.open_count):
            line += f"  {still_open:,} open"
        self._stream.write(f"\r{line}" if self._tty else f"{line}\n")
        self._stream.flush()

    def close(self) -> None:
        """End the progress line."""
        if self._enabled and self._tty:
            self._stream.write("\n")


class _Console:
    """stdout and stderr, with the API key scrubbed from everything written."""

    def __init__(self, out: TextIO, err: TextIO) -> None:
        self.key: APIKey | None = None
        self._out = out
        self._err = err

    def clean(self, text: str) -> str:
        return scrub(text, self.key) if self.key is not None else text

    def out(self, text: str) -> None:
        self._out.write(self.clean(text))

    def err(self, text: str) -> None:
        self._err.write(self.clean(text))
        self._err.flush()

    @property
    def progress_stream(self) -> TextIO:
        """stderr, for the progress line (numbers only, nothing to scrub)."""
        return self._err


class _Signals:
    """SIGINT and SIGTERM.

    While the import runs, the first one stops reading (the batches in flight finish) and a
    second one cancels ``task`` at once. Before it, one cancels ``task`` at once (nothing is in
    flight); after it, one is only remembered (the run is already finishing).
    """

    SETUP, IMPORTING, FINISHING = "setup", "importing", "finishing"

    def __init__(self) -> None:
        self.stop = asyncio.Event()
        self.received: int | None = None
        self.aborted = False
        self.phase = self.SETUP
        self.task: asyncio.Task[int] | None = None
        self._installed: list[signal.Signals] = []

    def __enter__(self) -> _Signals:
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            # Not available on every platform or outside the main thread: keep the default.
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(signum, self._on, signum)
                self._installed.append(signum)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        loop = asyncio.get_running_loop()
        for signum in self._installed:
            loop.remove_signal_handler(signum)

    def _on(self, signum: int) -> None:
        if self.received is None:
            self.received = signum
        if self.phase == self.FINISHING:
            return
        if self.phase == self.IMPORTING and not self.stop.is_set():
            self.stop.set()
            return
        self.aborted = True
        if self.task is not None:
            self.task.cancel()

    @property
    def status(self) -> int:
        """The exit status after a signal: 128 + its number."""
        return 128 + (self.received or signal.SIGINT)


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


def _seconds(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError("must be > 0 seconds")
    return value


def _retries(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be >= 0")
    return value


_KEY_HELP = (
    "the API key. Anything on a command line is visible to every user of this machine (the "
    f"process list, e.g. ps): prefer ${API_KEY_ENV} (the default) or --api-key-file"
)

_EPILOG = f"""\
environment variables:
  {API_KEY_ENV}   the API key, unless --api-key-file or --api-key is given
  {BASE_URL_ENV}  the API's base URL, unless --base-url is given
                      (default: {DEFAULT_BASE_URL})

examples:
  # check the column mapping and every row; nothing is sent
  smartlead-async import leads.csv --campaign 123 --dry-run

  # import, then after a crash, Ctrl-C or an edit of the CSV send only what is not done yet
  export {API_KEY_ENV}=...
  smartlead-async import leads.csv --campaign 123 --json > report.json
  smartlead-async import leads.csv --campaign 123 --resume --json > report.json
"""

_COMMANDS = ("import",)


def _quiet_parser(argv: Sequence[str]) -> type[argparse.ArgumentParser]:
    """argparse, except that its usage errors never repeat a value from the command line.

    ``--apikey sk_…`` (a typo) is an unrecognised argument, and argparse would print it back;
    any value may be a key, so every one is shown as ``***``.
    """
    values = {token.partition("=")[2] if token.startswith("-") else token for token in argv}
    values -= {"", *_COMMANDS}
    as_json = "--json" in argv

    class QuietParser(argparse.ArgumentParser):
        def __init__(self, *args: object, **kwargs: object) -> None:
            # An abbreviation would let "--api-key-fil=<key>" through as a file name.
            kwargs.setdefault("allow_abbrev", False)
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]

        def error(self, message: str) -> NoReturn:
            for value in sorted(values, key=len, reverse=True):
                message = message.replace(value, "***")
            if as_json:
                sys.stdout.write(_error_json("usage", message, EXIT_USAGE))
            super().error(message)

    return QuietParser


def _error_json(kind: str, message: str, status: int) -> str:
    """An error as ``--json`` prints it on stdout: one object on one line."""
    return json.dumps({"error": message, "kind": kind, "exit_status": status}) + "\n"


def _limits(limits: Sequence[RateLimit]) -> str:
    return ", ".join(f"{limit.requests}/{limit.seconds:g}" for limit in limits)


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """The command line (usage errors exit 2, as argparse does)."""
    parser = _quiet_parser(argv)(
        prog="smartlead-async",
        description=__doc__.splitlines()[0].replace("``", ""),
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    imp = commands.add_parser(
        _COMMANDS[0],
        help="import a CSV of leads into a campaign",
        description="\n".join(__doc__.splitlines()[4:]).replace("``", ""),
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    imp.add_argument("csv", type=Path, help="the CSV file of leads, with a header line")
    imp.add_argument(
        "--campaign", type=int, required=True, metavar="ID", help="the campaign to import into"
    )
    keys = imp.add_mutually_exclusive_group()
    # type=APIKey: the raw key never sits in the Namespace (tracebacks show frame locals).
    keys.add_argument("--api-key", type=APIKey, help=_KEY_HELP)
    keys.add_argument(
        "--api-key-file", type=Path, metavar="PATH", help="read the API key from this file"
    )
    imp.add_argument(
        "--base-url",
        default=os.environ.get(BASE_URL_ENV, DEFAULT_BASE_URL),
        metavar="URL",
        help=f"the API's base URL (default: ${BASE_URL_ENV}, else {DEFAULT_BASE_URL})",
    )
    imp.add_argument(
        "--rate",
        type=_rate,
        action="append",
        metavar="N/SECONDS",
        help="the key's rate limit; repeat for several windows "
        f"(default: {_limits(DEFAULT_RATE_LIMITS)}, SmartLead's documented limit)",
    )
    imp.add_argument(
        "--timeout",
        type=_seconds,
        default=30.0,
        metavar="SECONDS",
        help="per attempt (default: %(default)g)",
    )
    imp.add_argument(
        "--max-retries",
        type=_retries,
        default=3,
        metavar="N",
        help="retries per request (default: %(default)s)",
    )
    imp.add_argument(
        "--map",
        type=_pair,
        action="append",
        default=[],
        metavar="FIELD=Column",
        help="map a column to a lead field by hand (repeatable)",
    )
    imp.add_argument(
        "--ignore", action="append", default=[], metavar="Column", help="drop a column (repeatable)"
    )
    imp.add_argument(
        "--encoding", default=DEFAULT_ENCODING, help="of the CSV (default: UTF-8, BOM or not)"
    )
    imp.add_argument(
        "--batch-size",
        type=int,
        default=MAX_LEADS_PER_REQUEST,
        metavar="N",
        help="leads per request (default: %(default)s, SmartLead's maximum)",
    )
    imp.add_argument(
        "--concurrency",
        type=int,
        default=DEFAULT_CONCURRENCY,
        metavar="N",
        help="batches in flight (default: %(default)s)",
    )
    imp.add_argument("--resume", action="store_true", help="skip leads the journal has as final")
    imp.add_argument(
        "--resolve",
        action="store_true",
        help="read back ambiguous batches' outcomes (costs extra requests)",
    )
    imp.add_argument("--journal", type=Path, help="default: <csv>.smartlead-journal")
    imp.add_argument("--rejected", type=Path, help="default: <csv>.rejected.csv")
    imp.add_argument("--dry-run", action="store_true", help="validate only; send nothing")
    imp.add_argument(
        "--no-dedupe", action="store_true", help="leave repeated emails to SmartLead's dedupe"
    )
    imp.add_argument(
        "--json",
        action="store_true",
        help="print the report as JSON on stdout, and errors as a JSON object "
        '({"error": ..., "kind": ..., "exit_status": ...}) on stdout as well as on stderr',
    )
    imp.add_argument("--no-progress", action="store_true", help="no progress line on stderr")
    return parser.parse_args(list(argv))


def _read_key(args: argparse.Namespace) -> APIKey:
    if args.api_key_file is not None:
        try:
            text = args.api_key_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read the API key file {args.api_key_file}: {exc}") from None
        key = APIKey(text.removesuffix("\n").removesuffix("\r"))
    elif args.api_key is not None:
        key = args.api_key
    else:
        key = APIKey(os.environ.get(API_KEY_ENV, ""))
    if not key.reveal().strip():
        raise InputError(f"no API key: set {API_KEY_ENV} or pass --api-key-file PATH")
    return key


def _client(key: APIKey, args: argparse.Namespace) -> SmartleadClient:
    try:
        return SmartleadClient(
            key,
            base_url=args.base_url,
            rate_limits=args.rate or DEFAULT_RATE_LIMITS,
            max_retries=args.max_retries,
            timeout=args.timeout,
        )
    except ConfigurationError as exc:
        raise InputError(str(exc)) from None


async def _preflight(client: SmartleadClient, campaign_id: int) -> None:
    """One request before anything is created: is the key accepted, does the campaign exist?"""
    try:
        await client.campaigns.get(campaign_id)
    except (AuthenticationError, PermissionDeniedError) as exc:
        raise InputError(f"SmartLead refused the API key ({exc.status}): {exc}") from None
    except NotFoundError:
        raise InputError(f"campaign {campaign_id} does not exist for this API key") from None
    except ConfigurationError as exc:  # e.g. --rate differs from another client of the key
        raise InputError(str(exc)) from None
    except SmartleadError as exc:
        raise _UnavailableError(f"could not check campaign {campaign_id}: {exc}") from None


def _cell(text: str) -> str:
    """A cell that a spreadsheet will show as text, never run as a formula."""
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


class _Run:
    """One ``import`` run: its state and steps, so each step stays small."""

    def __init__(self, args: argparse.Namespace, console: _Console, signals: _Signals) -> None:
        self.args = args
        self.console = console
        self.signals = signals
        self.journal: Journal | None = None
        self.skipped = 0
        #: Engine row number -> CSV line (8 bytes a row, whatever the file's size).
        self.lines = array.array("q")
        #: Rows never handed to the engine because a signal stopped reading: (line, email).
        self.unread: list[tuple[int, str]] = []
        self.rejected_path: Path = args.rejected or args.csv.with_name(
            args.csv.name + ".rejected.csv"
        )

    async def run(self) -> int:
        args, console = self.args, self.console
        key = console.key = _read_key(args)
        source = CsvSource(args.csv, args.encoding)
        headers = source.header()
        mapping = column_mapping(headers, dict(args.map), set(args.ignore))
        console.err(describe_mapping(headers, mapping))
        host = urlsplit(args.base_url).hostname or ""
        journal_path = args.journal or args.csv.with_name(args.csv.name + ".smartlead-journal")
        for path in (journal_path, self.rejected_path):
            if not path.parent.is_dir():  # found now, not after the whole import
                raise InputError(f"cannot write {path}: no directory {path.parent}")
        if not args.dry_run and journal_path.exists():
            if not args.resume:
                raise InputError(f"{journal_path} exists: pass --resume to continue that import")
            try:
                self.journal = Journal.open(journal_path, campaign_id=args.campaign, host=host)
            except JournalMismatchError as exc:
                raise InputError(str(exc)) from None
            except sqlite3.Error as exc:
                raise InputError(f"cannot open the journal {journal_path}: {exc}") from None
        try:
            return await self._import(key, source, mapping, journal_path=journal_path, host=host)
        finally:
            if self.journal is not None:
                self.journal.close()

    async def _import(
        self,
        key: APIKey,
        source: CsvSource,
        mapping: dict[int, str],
        *,
        journal_path: Path,
        host: str,
    ) -> int:
        args = self.args
        progress = Progress(self.console.progress_stream, enabled=not args.no_progress)
        async with _client(key, args) as client:
            if not args.dry_run:
                await _preflight(client, args.campaign)
                if self.journal is None:
                    self.journal = Journal.create(
                        journal_path, campaign_id=args.campaign, host=host
                    )
            with source.records() as records:
                next(records)  # the header
                stream = client.leads.bulk_import_stream(
                    args.campaign,
                    leads=self._leads(records, mapping),
                    batch_size=args.batch_size,
                    concurrency=args.concurrency,
                    on_progress=lambda done, _total, report: progress.update(
                        done + self.skipped, self.estimated_rows(source), report
                    ),
                    dry_run=args.dry_run,
                    dedupe_input=not args.no_dedupe,
                    resolve_ambiguous=args.resolve,
                )
                self.signals.phase = _Signals.IMPORTING
                try:
                    async for batch in stream:
                        if self.journal is not None:
                            # Committed by the journal's thread: an fsync per batch on the
                            # event loop would hold every batch in flight (journal module docs).
                            self.journal.record_soon(batch.final_emails)
                except asyncio.CancelledError:
                    task = asyncio.current_task()
                    if not self.signals.aborted or task is None or task.cancelling() > 1:
                        raise
                    task.uncancel()
                finally:
                    self.signals.phase = _Signals.FINISHING
                    progress.close()
                if self.signals.received is not None:
                    self._list_unread(records, mapping)
        if self.journal is not None:
            self.journal.flush()  # the summary below may say "done": make it so first
        return self._finish(stream.report)

    def estimated_rows(self, source: CsvSource) -> int | None:
        """The rows the file holds: exact once it is read, else extrapolated from the records
        read so far and the share of its bytes they took (one pass, no counting read)."""
        read = len(self.lines) + self.skipped
        fraction = source.fraction_read()
        if not read or not fraction:
            return None
        return max(read, round(read / fraction))

    def _leads(
        self, records: Iterator[tuple[int, list[str]]], mapping: dict[int, str]
    ) -> Iterator[dict[str, object]]:
        while not self.signals.stop.is_set():
            record = next(records, None)
            if record is None:
                return
            line, fields = record
            lead = row_to_lead(fields, mapping)
            if self._is_final(lead):
                self.skipped += 1
                continue
            self.lines.append(line)
            yield lead

    def _is_final(self, lead: dict[str, object]) -> bool:
        key = journal_key(lead.get("email"))
        return key is not None and self.journal is not None and self.journal.is_final(key)

    def _list_unread(
        self, records: Iterator[tuple[int, list[str]]], mapping: dict[int, str]
    ) -> None:
        for line, fields in records:
            lead = row_to_lead(fields, mapping)
            if self._is_final(lead):
                self.skipped += 1
            else:
                self.unread.append((line, str(lead.get("email", ""))))

    def _finish(self, report: ImportReport) -> int:
        args, signals = self.args, self.signals
        rejected = self.rejected_path
        written = self._write_rejected(rejected, report)
        still_open = 0 if report.dry_run else report.open_count + len(self.unread)
        if report.stop_reason:
            self.console.err(f"{report.stop_reason}\n")
        summary: dict[str, object] = {
            "rows": report.total_rows + len(self.unread),
            "skipped_already_final": self.skipped,
            **{outcome.value: count for outcome, count in report.counts.items()},
            "not_read": len(self.unread),
            "open": still_open,
            "ambiguous_batches": len(report.ambiguous),
            "batches": report.batches,
            "failed_batches": report.failed_batches,
            "retries": report.retries,
            "resolution_requests": report.resolution_requests,
            "elapsed_s": round(report.elapsed, 2),
            "requests_per_s": round(report.requests_per_second, 2),
            "interrupted": signals.received is not None,
            "aborted": signals.aborted,
            "stop_reason": report.stop_reason,
            "rejected_csv": str(rejected) if written else None,
        }
        if args.json:
            self.console.out(json.dumps(summary, indent=2) + "\n")
        else:
            width = max(len(key) for key in summary)
            for key, value in summary.items():
                self.console.out(f"{key.ljust(width)}  {value}\n")
        if signals.received is not None:
            return signals.status
        return EXIT_OPEN if still_open else EXIT_OK

    def _write_rejected(self, path: Path, report: ImportReport) -> int:
        """Every row that was not simply uploaded, by CSV line; a stale file is removed."""
        clean = self.console.clean
        written = 0
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["line", "email", "outcome", "reason"])
            for result in report.listed_rows():
                line = self.lines[result.row] if result.row < len(self.lines) else ""
                email, reason = clean(result.email or ""), clean(result.reason)
                writer.writerow([line, _cell(email), result.outcome.value, _cell(reason)])
                written += 1
            reason = "not read: the import was interrupted before this row"
            for line, email in self.unread:
                writer.writerow([line, _cell(clean(email)), RowOutcome.NOT_SENT.value, reason])
                written += 1
        if not written:
            path.unlink()
        return written


async def run_import(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """The ``import`` command. Returns the exit status (see the module docs)."""
    console = _Console(out, err)

    def failed(kind: str, message: str, status: int) -> int:
        console.err(f"{message}\n" if kind == "aborted" else f"error: {message}\n")
        if args.json:
            console.out(_error_json(kind, message, status))
        return status

    with _Signals() as signals:
        signals.task = task = asyncio.ensure_future(_Run(args, console, signals).run())
        try:
            return await task
        except InputError as exc:
            return failed("input", str(exc), EXIT_USAGE)
        except _UnavailableError as exc:
            return failed("unavailable", str(exc), EXIT_OPEN)
        except asyncio.CancelledError:
            current = asyncio.current_task()
            if not signals.aborted or (current is not None and current.cancelling()):
                raise
            return failed("aborted", "aborted before anything was sent", signals.status)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``smartlead-async``."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        return asyncio.run(run_import(args, sys.stdout, sys.stderr))
    except KeyboardInterrupt:  # before the loop's handlers were installed
        return 128 + signal.SIGINT
