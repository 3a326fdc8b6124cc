"""Stage 2, a Table to a Plan: maps columns to fields, validates rows, loads the
directory snapshot and diffs against it; gives the Plan the preview shows."""
