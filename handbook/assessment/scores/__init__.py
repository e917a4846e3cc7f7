"""A department's scoring of every branch for one month, with its vetoes and bonuses."""
