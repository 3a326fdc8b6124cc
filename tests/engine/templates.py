"""What a written import template holds, as plain data: every sheet's cells, the
validations, the column formats and the document properties (XLSX, with openpyxl),
or every sheet's cells as the project's reader has them (ODS). Two templates with the
same content are the same template for a person, whatever their timestamps."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl

from app.engine.reading.readers import read_table
from app.engine.reading.table import ReadOptions


def xlsx_content(path: Path) -> dict[str, Any]:
    workbook = openpyxl.load_workbook(path)
    data = workbook.worksheets[0]
    validations = [
        [v.type, v.operator, v.formula1, v.formula2, str(v.sqref), v.errorTitle, v.error]
        for v in data.data_validations.dataValidation
    ]
    formats = {
        letter: [dimension.number_format, dimension.width]
        for letter, dimension in sorted(data.column_dimensions.items())
    }
    properties = workbook.properties
    content = {
        "sheets": {
            sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
            for sheet in workbook.worksheets
        },
        "validations": validations,
        "formats": formats,
        "properties": [properties.title, properties.keywords, properties.creator],
    }
    return plain(content)


def ods_content(path: Path) -> dict[str, Any]:
    sheets = read_table(path).sheets
    content = {
        "sheets": {
            name: read_table(path, ReadOptions(sheet=name, header=False)).rows[:] for name in sheets
        }
    }
    return plain(content)


def plain(content: dict[str, Any]) -> dict[str, Any]:
    """As JSON has it (tuples as lists), for a comparison with a stored snapshot."""
    result: dict[str, Any] = json.loads(json.dumps(content, ensure_ascii=False))
    return result
