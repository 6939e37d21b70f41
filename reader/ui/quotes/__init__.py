"""The quotes dock."""
