"""Render: comparisons and resolutions to terminal text, Markdown, JSON and HTML."""
