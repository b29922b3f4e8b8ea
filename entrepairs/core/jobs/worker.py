"""The durable worker: django-tasks-db's database worker, plus retries, a heartbeat per running
job and a loop that outlives transient database errors (core.jobs.runs has the rules).

A keeper thread beside the loop refreshes the running job's lease every JOB_HEARTBEAT_INTERVAL
seconds and sweeps the jobs of dead workers; it has its own database connection, so a job that
holds a long transaction does not stop its own heartbeat.
"""

import logging
import threading
import time
from typing import Any

from django.conf import settings
from django.db import close_old_connections, connection
from django_tasks_db.compat import TaskContext, task_finished, task_started
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from . import runs
from .policy import TRANSIENT_DATABASE_ERRORS

logger = logging.getLogger("entrepairs.jobs")


class Keeper(threading.Thread):
    """Beats the running job's lease and sweeps stale jobs, until the worker stops."""

    def __init__(self) -> None:
        super().__init__(name="job-keeper", daemon=True)
        self.current: Any = None
        self.stopped = threading.Event()

    def run(self) -> None:
        interval = settings.JOB_HEARTBEAT_INTERVAL
        last_sweep = 0.0
        while not self.stopped.wait(interval):
            try:
                if self.current is not None:
                    runs.lease_beat(self.current)
                if time.monotonic() - last_sweep >= settings.JOB_SWEEP_INTERVAL:
                    last_sweep = time.monotonic()
                    runs.sweep_stale()
            except Exception:
                # A database restart or a lost connection: log it, start afresh next beat.
                logger.warning("Job heartbeat or sweep failed; trying again", exc_info=True)
                connection.close()
            finally:
                close_old_connections()
        connection.close()


class DurableWorker(Worker):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.keeper = Keeper()

    def run(self) -> None:
        self.keeper.start()
        try:
            while True:
                try:
                    super().run()
                    return
                except TRANSIENT_DATABASE_ERRORS:
                    # "database is locked", a connection lost, a server restarting: the worker
                    # waits and goes on; its job, if any, was settled by run_task.
                    logger.warning(
                        "Database error in the worker loop; retrying in %s s",
                        settings.JOB_WORKER_PAUSE,
                        exc_info=True,
                    )
                    connection.close()
                    time.sleep(settings.JOB_WORKER_PAUSE)
                    if not self.running:
                        return
        finally:
            self.keeper.stopped.set()

    def run_task(self, db_task_result: DBTaskResult) -> None:
        """Run the job with its lease held; on failure, retry or fail it (runs.settle_failure)."""
        self.running_task = True
        self.keeper.current = db_task_result.pk
        failed = False
        try:
            _retrying(runs.lease_start, db_task_result, self.worker_id)
            task = db_task_result.task
            task_result = db_task_result.task_result
            backend_type = task.get_backend()
            task_started.send(sender=backend_type, task_result=task_result)
            if task.takes_context:
                value = task.call(
                    TaskContext(task_result=task_result), *task_result.args, **task_result.kwargs
                )
            else:
                value = task.call(*task_result.args, **task_result.kwargs)
            db_task_result.set_successful(value)
            task_finished.send(sender=backend_type, task_result=db_task_result.task_result)
        except BaseException as exc:  # noqa: BLE001 - every failure is recorded on the job
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                # Stopped by force (a second Ctrl-C, SIGTERM twice): not the job's fault.
                exc = runs.WorkerLost(f"worker {self.worker_id} was stopped during the job")
            failed = _retrying(runs.settle_failure, db_task_result, exc)
            if failed:
                _signal_failed(db_task_result)
        finally:
            self.keeper.current = None
            try:
                _retrying(runs.lease_end, db_task_result.pk)
            except Exception:
                logger.warning("Could not drop the lease of job %s", db_task_result.pk)
            self.running_task = False
            self._run_tasks += 1
        if failed:
            runs.give_up(db_task_result)


def _retrying(func: Any, *args: Any) -> Any:
    """A job's bookkeeping outlives a short database hiccup (three tries, a second apart)."""
    for attempt in range(3):
        try:
            return func(*args)
        except TRANSIENT_DATABASE_ERRORS:
            if attempt == 2:
                raise
            connection.close()
            time.sleep(1)
    return None


def _signal_failed(db_task_result: DBTaskResult) -> None:
    try:
        sender = type(db_task_result.task.get_backend())
        task_finished.send(sender=sender, task_result=db_task_result.task_result)
    except Exception:
        logger.exception("Job %s failed unexpectedly", db_task_result.id)
