"""Stage 4, a run to files: the protocol, the login letters, exported tables, with
their handover before the commit. Takes plans and results, never the applier."""
