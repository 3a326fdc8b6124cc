"""Who may act: operators and their rights, password hashing and checking, the
database password in the keyring. Takes the models; gives every stage its Actor."""
