"""Where the tasks of a batch run: in this process, in local worker processes, or on Dask.

An engine takes tasks (:meth:`Engine.submit`) and gives back their outcomes as they finish
(:meth:`Engine.wait`). Every engine runs the same function, :func:`~._work.process`, so
every engine gives the same outcomes; only the coordinator writes the shared outputs.

* :class:`InlineEngine`: one task at a time in this process (``--jobs 1``).
* :class:`ProcessEngine`: a pool of worker processes on this machine (``--jobs N``). A worker
  that dies (killed, out of memory, a crash in a C library) does not stop the run: the tasks
  it may have been running are run again one at a time in a new pool, and the one that kills
  a worker alone fails with that reason.
* :class:`DaskEngine`: the workers of a ``dask.distributed`` cluster (the ``[dask]`` extra).
"""

from __future__ import annotations

import concurrent.futures as cf
import importlib
import multiprocessing
import os
import uuid
from abc import ABC, abstractmethod
from collections import deque
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from types import TracebackType
from typing import Any, Final, Self

from disclosure_report.errors import DisclosureReportError

from ._work import Done, Outcome, Plan, Task, process

__all__ = ["DaskEngine", "Engine", "InlineEngine", "ProcessEngine", "WorkersDyingError"]

Work = Callable[[Task, Plan], Outcome]

_PREFETCH: Final = 2
"""Tasks handed to each worker ahead, so that none waits for the coordinator."""


_DIED: Final = (
    "the worker process died while reading this file (killed, out of memory, or a crash in "
    "a C library)"
)


_DEATHS_IN_A_ROW: Final = 3
"""Files in a row whose worker dies alone before the run stops: the workers cannot run."""


class WorkersDyingError(DisclosureReportError):
    """Worker processes die on every file, each alone: the run cannot go on."""


def _died(task: Task, reason: str, error: str) -> Outcome:
    """The outcome of a task whose worker went away: failed, and tried again next run."""
    done = Done(sha256="", status="failed", reason=reason, error=error, retry=True)
    return Outcome(task.index, task.name, done)


class Engine(ABC):
    """Runs tasks and gives back their outcomes as they finish."""

    name: str = "engine"

    def __init__(self, plan: Plan) -> None:
        self.plan = plan

    @property
    @abstractmethod
    def workers(self) -> int:
        """How many tasks run at once."""

    @abstractmethod
    def submit(self, task: Task) -> None:
        """Queue ``task``."""

    @abstractmethod
    def wait(self) -> list[Outcome]:
        """Block until at least one queued task is done; their outcomes (empty: none queued)."""

    @abstractmethod
    def close(self) -> None:
        """Stop the workers; tasks not done are dropped."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


class InlineEngine(Engine):
    """One task at a time, in this process."""

    name = "inline"

    def __init__(self, plan: Plan) -> None:
        super().__init__(plan)
        self._queue: deque[Task] = deque()

    @property
    def workers(self) -> int:
        return 1

    def submit(self, task: Task) -> None:
        self._queue.append(task)

    def wait(self) -> list[Outcome]:
        if not self._queue:
            return []
        return [process(self._queue.popleft(), self.plan)]

    def close(self) -> None:
        self._queue.clear()


def _context() -> multiprocessing.context.BaseContext:
    """Fresh worker processes: forked ones would inherit the coordinator's threads and files."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


class ProcessEngine(Engine):
    """A pool of ``jobs`` worker processes on this machine."""

    name = "local"

    def __init__(self, plan: Plan, jobs: int, *, work: Work = process) -> None:
        super().__init__(plan)
        self._work = work
        """What a worker does with a task (always :func:`process`, but in tests)."""
        if jobs < 1:
            msg = f"jobs must be at least 1, not {jobs}"
            raise ValueError(msg)
        self.jobs = jobs
        self._queue: deque[Task] = deque()
        self._suspects: deque[Task] = deque()
        """Tasks that were running when a worker died: run again alone, one after another."""
        self._running: dict[cf.Future[Outcome], Task] = {}
        self._pool: cf.ProcessPoolExecutor | None = None
        self._isolating = False
        """True while one suspect runs alone: if its worker dies, it is the cause."""
        self._deaths = 0
        """Suspects in a row whose worker died alone."""

    @property
    def workers(self) -> int:
        return self.jobs

    def _new_pool(self) -> cf.ProcessPoolExecutor:
        return cf.ProcessPoolExecutor(max_workers=self.jobs, mp_context=_context())

    def submit(self, task: Task) -> None:
        self._queue.append(task)

    def _fill(self) -> None:
        if self._pool is None:
            self._pool = self._new_pool()
        if self._suspects:
            if not self._running:
                task = self._suspects.popleft()
                self._running[self._pool.submit(self._work, task, self.plan)] = task
                self._isolating = True
            return
        self._isolating = False
        while self._queue and len(self._running) < self.jobs * _PREFETCH:
            task = self._queue.popleft()
            self._running[self._pool.submit(self._work, task, self.plan)] = task

    def wait(self) -> list[Outcome]:
        outcomes: list[Outcome] = []
        while not outcomes:  # a dead worker gives no outcome: its tasks go round again
            self._fill()
            if not self._running:
                return []
            finished, _ = cf.wait(self._running, return_when=cf.FIRST_COMPLETED)
            crashed: list[Task] = []
            for future in finished:
                task = self._running.pop(future)
                try:
                    outcomes.append(future.result())
                except BrokenProcessPool:
                    crashed.append(task)
                else:
                    self._deaths = 0
            if crashed:
                outcomes.extend(self._restart(crashed))
        return outcomes

    def _restart(self, crashed: list[Task]) -> list[Outcome]:
        """A worker died: a new pool; the task that was running alone fails, others go again."""
        outcomes: list[Outcome] = []
        for future, task in self._running.items():
            try:
                outcomes.append(future.result())
            except (BrokenProcessPool, cf.CancelledError):
                crashed.append(task)
        self._running.clear()
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = None
        if self._isolating:
            self._deaths += 1
            if self._deaths >= _DEATHS_IN_A_ROW:
                msg = (
                    f"the worker processes died on {self._deaths} files in a row, each alone: "
                    "they cannot run here (a broken installation, or not enough memory)"
                )
                raise WorkersDyingError(msg)
            outcomes.extend(_died(task, _DIED, "WorkerDied") for task in crashed)
        else:
            self._suspects.extend(sorted(crashed, key=lambda t: t.index))
        return outcomes

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


class DaskEngine(Engine):
    """The workers of a Dask cluster (``dask.distributed``).

    Args:
        plan: what each task does; its output folder must be writable at the same path on
            every worker (a shared file system), and so must the inputs be readable.
        scheduler: the scheduler's address (``tcp://host:8786``), a ``distributed.Client``,
            or ``None`` for a cluster of ``jobs`` worker processes on this machine.
        jobs: the workers of that local cluster.
    """

    name = "dask"

    def __init__(self, plan: Plan, scheduler: object = None, *, jobs: int = 1) -> None:
        super().__init__(plan)
        try:
            distributed = importlib.import_module("distributed")
        except ImportError as error:
            msg = 'the dask engine needs dask.distributed: pip install "disclosure-report[dask]"'
            raise ImportError(msg) from error
        self._distributed = distributed
        self._cluster: Any = None
        if scheduler is None:  # a cluster of `jobs` worker processes on this machine
            self._cluster = distributed.LocalCluster(
                n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None
            )
            scheduler = self._cluster
        self._own = not isinstance(scheduler, distributed.Client)
        self.client: Any = distributed.Client(scheduler) if self._own else scheduler
        self._run = uuid.uuid4().hex[:8]
        self._running: dict[Any, Task] = {}

    @property
    def workers(self) -> int:
        threads: dict[str, int] = self.client.nthreads()
        return max(1, sum(threads.values()))

    def submit(self, task: Task) -> None:
        key = f"disclosure-report-{self._run}-{task.index}"
        future = self.client.submit(process, task, self.plan, key=key, pure=False, retries=0)
        self._running[future] = task

    def wait(self) -> list[Outcome]:
        if not self._running:
            return []
        finished, _ = self._distributed.wait(list(self._running), return_when="FIRST_COMPLETED")
        outcomes: list[Outcome] = []
        for future in finished:
            task = self._running.pop(future)
            try:
                outcomes.append(future.result())
            except Exception as error:
                outcomes.append(
                    _died(task, f"the task failed on the cluster ({error})", type(error).__name__)
                )
            future.release()
        return outcomes

    def close(self) -> None:
        for future in self._running:
            future.cancel()
        self._running.clear()
        if self._own:
            self.client.close()
        if self._cluster is not None:
            self._cluster.close()


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1
