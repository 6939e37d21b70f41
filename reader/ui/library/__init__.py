"""The library pane: the article table, its search field, filter chips and coverage bar, and the actions on articles."""
