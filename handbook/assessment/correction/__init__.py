"""Correction entries: the only way a closed month's score changes, after an appeal."""
