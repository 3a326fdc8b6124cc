"""The Qt-free import engine: read, map, validate, plan, apply, protocol.

Both front ends — the command line (``app.cli``) and the wizard (``app.wizard``) —
drive the same functions here. Nothing in this package may import Qt.
"""
