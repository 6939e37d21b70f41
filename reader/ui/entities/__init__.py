"""The entities dock."""
