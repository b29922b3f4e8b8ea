"""The JSON API of training: views.py parses, calls a service or selector, renders."""
