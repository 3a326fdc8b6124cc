"""One ``QWizardPage`` subclass per step of the import wizard (SPEC §2)."""
