"""The training pages, one module per page area; each parses, calls a service, renders."""
