"""Stage 3, a Plan to a committed run: one transaction that does what the plan says,
hashes new passwords meanwhile, records the run and its before-image."""
