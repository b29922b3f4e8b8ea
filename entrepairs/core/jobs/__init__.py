"""Durable background jobs on the database queue (django-tasks-db): retries with backoff
(`durable`), a heartbeat per running job and a sweep for the jobs of dead workers (runs), the
worker that does both (worker), and what the administrators' jobs page and probes read (board).
"""

from .policy import durable

__all__ = ["durable"]
