"""The Stories panel: the library's stories with their coverage, scoping the window to one."""
