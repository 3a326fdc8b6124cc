"""The Qt-free import engine: takes a file, a database and the user's choices; gives a
plan, a committed run and its files. Both front ends — the command line (``app.cli``)
and the wizard (``app.wizard``) — drive the same functions here.

The pipeline's stages are packages, each importing only those before it (the
layering test, tests/engine/test_layering.py, keeps it so):
``reading`` (file → Table) → ``planning`` (Table → Plan) → ``applying`` (Plan →
committed run) and ``output`` (run → protocol, letters, exports); ``admin`` is the
directory's work outside an import, ``access`` the operators and their passwords,
``ldapsync`` the LDAP connector. ``session`` drives one import through all stages; the
modules beside it (``reasons``, ``german``, ``gcpause``, ``bulk``) are shared by all.
Nothing in this package may import Qt.
"""
