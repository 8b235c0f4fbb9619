"""Reading the spreadsheets trainers already keep (CSV, XLSX, Markdown) as numbered rows.

Every row keeps the number a trainer sees in their editor (spreadsheet row, or Markdown line),
so an import error can say "row 7" and be found at once. Headers may be English field names or
the usual Chinese column titles; both map to the KB's field names.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from copilot.errors import InputError

HEADER_ALIASES = {
    "id": "id", "编号": "id", "标识": "id",
    "title": "title", "标题": "title", "名称": "title",
    "text": "text", "话术": "text", "内容": "text", "正文": "text", "答案": "text", "回答": "text",
    "stage": "stage", "阶段": "stage",
    "handles": "handles", "处理信号": "handles", "信号": "handles", "异议": "handles",
    "product": "product", "产品": "product",
    "examples": "examples", "示例": "examples", "客户问法": "examples", "例句": "examples",
    "tags": "tags", "标签": "tags",
    "aspect": "aspect", "类别": "aspect", "方面": "aspect",
}


@dataclass(frozen=True)
class Row:
    number: int  # as the trainer sees it: spreadsheet row or Markdown line
    values: dict[str, str]
    unknown: tuple[str, ...] = ()  # columns that are not KB fields


def field_name(header: str) -> str | None:
    key = header.strip().lower().replace(" ", "_")
    return HEADER_ALIASES.get(key) or HEADER_ALIASES.get(header.strip())


def read_rows(path: Path) -> list[Row]:
    suffix = path.suffix.lower()
    if not path.is_file():
        raise InputError(path, None, "file not found", "check the path")
    if suffix == ".csv":
        return _from_grid(path, list(csv.reader(io.StringIO(_decode(path)))))
    if suffix in (".xlsx", ".xlsm"):
        return _from_grid(path, _xlsx_grid(path))
    if suffix in (".md", ".markdown"):
        return read_markdown(path, _decode(path))
    raise InputError(path, None, f"cannot import {suffix or 'a file without suffix'}",
                     "give a .csv, .xlsx or .md file")


def _decode(path: Path) -> str:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):  # Excel in China saves CSV as GBK by default
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(path, None, "not UTF-8 or GBK text", "save it as UTF-8 CSV")


def _xlsx_grid(path: Path) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise InputError(path, None, f"not a readable XLSX workbook ({exc})",
                         "open and re-save it in Excel or WPS") from exc
    sheet = book.worksheets[0]
    grid = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    book.close()
    return grid


def _from_grid(path: Path, grid: list[list[str]], first_number: int = 1) -> list[Row]:
    header_index = next((i for i, row in enumerate(grid) if any(c.strip() for c in row)), None)
    if header_index is None:
        raise InputError(path, None, "the file is empty", "add a header row and one row per item")
    header = grid[header_index]
    names = [field_name(h) for h in header]
    if "text" not in names:
        raise InputError(path, first_number + header_index,
                         f"no 'text' column in the header ({', '.join(h for h in header if h)})",
                         "name the column with the script/fact text 'text' (or 话术/内容)")
    unknown = tuple(h for h, n in zip(header, names, strict=False) if h.strip() and n is None)
    rows = []
    for offset, cells in enumerate(grid[header_index + 1 :], start=header_index + 1):
        if not any(str(c).strip() for c in cells):
            continue
        values = {n: str(c).strip() for n, c in zip(names, cells, strict=False) if n}
        if len(cells) > len(header) and any(str(c).strip() for c in cells[len(header):]):
            values["__extra__"] = "|".join(str(c) for c in cells[len(header):] if str(c).strip())
        rows.append(Row(first_number + offset, values, unknown))
    return rows


_TABLE_LINE = re.compile(r"^\s*\|.*\|\s*$")
_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}")
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_BULLET_FIELD = re.compile(r"^\s*[-*]\s*([^:：]{1,20})\s*[:：]\s*(.*)$")


def read_markdown(path: Path, text: str) -> list[Row]:
    """A pipe table if the file has one, otherwise one item per heading with `- field: value`
    lines and the paragraph below as its text."""
    lines = text.splitlines()
    if any(_TABLE_LINE.match(line) for line in lines):
        return _markdown_table(path, lines)
    return _markdown_sections(lines)


def _markdown_table(path: Path, lines: list[str]) -> list[Row]:
    grid, numbers = [], []
    for number, line in enumerate(lines, start=1):
        if _TABLE_LINE.match(line) and not _SEPARATOR.match(line.replace("|", "", 1)):
            grid.append([c.strip() for c in line.strip().strip("|").split("|")])
            numbers.append(number)
    rows = _from_grid(path, grid)
    return [Row(numbers[r.number - 1], r.values, r.unknown) for r in rows]


def _markdown_sections(lines: list[str]) -> list[Row]:
    rows: list[Row] = []
    current: dict[str, str] | None = None
    number = 0
    body: list[str] = []

    def close() -> None:
        if current is not None:
            if body and not current.get("text"):
                current["text"] = "".join(s.strip() for s in body).strip()
            rows.append(Row(number, current))

    for index, line in enumerate(lines, start=1):
        heading = _HEADING.match(line)
        if heading and len(heading.group(1)) >= 2:
            close()
            current, number, body = {"title": heading.group(2).strip()}, index, []
            continue
        if current is None:
            continue
        bullet = _BULLET_FIELD.match(line)
        name = field_name(bullet.group(1)) if bullet else None
        if bullet and name:
            current[name] = bullet.group(2).strip()
        elif line.strip():
            body.append(line)
    close()
    return rows
