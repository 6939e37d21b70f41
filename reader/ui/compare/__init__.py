"""The Compare tab: voices, shared words, side by side, mentions by outlet, coverage.

``host.CompareHost`` is the tab's page; it builds ``workspace.CompareWorkspace``
when first shown, so starting the app loads nothing of Compare.
"""
