"""Stage 1, files to a Table: sniffs the kind, encoding and delimiter, measures a
workbook's extent, reads CSV/XLSX/XLS/ODS into a Table of stripped strings."""
