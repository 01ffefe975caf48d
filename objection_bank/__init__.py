"""objection_bank."""
