"""``python -m app`` starts the desktop application."""

import sys

from app.wizard.main import main

sys.exit(main())
