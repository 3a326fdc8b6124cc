"""The directory outside the import: years, groups, users, history, undo, grace
periods, group CSV, password resets, the template. Uses every stage below it."""
