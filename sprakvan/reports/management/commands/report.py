"""manage.py report: a programme's (or the platform's) figures for a period as JSON, Excel,
PDF or Word."""

from __future__ import annotations

import datetime
import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from sprakvan.core.models import Programme
from sprakvan.reports import document, exports
from sprakvan.reports.report import build
from sprakvan.reports.statistics import (
    COMPARE_YEAR_EARLIER,
    COMPARISONS,
    Period,
    figures_as_json,
)

FORMATS = ("json", "xlsx", "pdf", "docx")


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"Not a date (YYYY-MM-DD): {value}") from exc


class Command(BaseCommand):
    help = "Statistics for a programme and period (docs/statistics.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--programme", required=True, help="slug, or 'all' for the platform")
        parser.add_argument("--from", dest="start", required=True, type=_date)
        parser.add_argument("--to", dest="end", required=True, type=_date)
        parser.add_argument("--format", choices=FORMATS, default="json")
        parser.add_argument("--output", help="file to write (default: standard output)")
        parser.add_argument(
            "--compare",
            choices=COMPARISONS,
            default=COMPARE_YEAR_EARLIER,
            help="compare with the same months a year earlier (default) or the period just before",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        slug = options["programme"]
        programme = None
        if slug != "all":
            try:
                programme = Programme.objects.get(slug=slug)
            except Programme.DoesNotExist as exc:
                raise CommandError(f"No programme with the slug {slug!r}") from exc
        if options["end"] < options["start"]:
            raise CommandError("--to must be on or after --from")
        period = Period(options["start"], options["end"])
        today = timezone.localdate()
        fmt = options["format"]
        if fmt in ("pdf", "docx") or (fmt == "xlsx" and programme is not None):
            # One programme's workbook holds every table of its partner-dialogue document.
            if programme is None:
                raise CommandError("The document is made for one programme.")
            content = document.build_content(
                programme,
                period,
                today=today,
                suppressed=False,
                compare=options["compare"],
                with_charts=fmt != "xlsx",
            )
            makers = {"pdf": document.pdf_bytes, "docx": document.docx_bytes, "xlsx": document.xlsx}
            data = makers[fmt](content)
        else:
            report = build(programme, period, today=today, compare=options["compare"])
            if fmt == "json":
                payload = {
                    "programme": programme.slug if programme else None,
                    **figures_as_json(report.current),
                    "waiting_now": report.rows.waiting_now,
                    "previous": figures_as_json(report.previous),
                }
                data = (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode()
            else:
                data = exports.xlsx_bytes(report.tables())
        if options["output"]:
            with open(options["output"], "wb") as handle:
                handle.write(data)
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
