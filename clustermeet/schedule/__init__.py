"""The schedule as people read it: table data, Markdown, JSON, CSV and the self-contained agenda page."""
