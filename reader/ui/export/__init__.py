"""Exporting from the window: the Export dialog, and Copy / Copy with citation /
Export selected on the quotes and library tables (``actions.ExportActions``)."""
