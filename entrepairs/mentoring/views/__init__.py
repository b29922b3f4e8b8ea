"""The pages of mentoring (full pages and HTMX fragments), one module per page area."""
