"""The JSON API of mentoring: views.py parses, calls a service or selector, renders; serializers.py."""
