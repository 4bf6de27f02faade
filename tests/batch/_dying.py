"""A worker's work that kills its process on a file named ``poison``: a crash in a C library."""

from __future__ import annotations

import os

from disclosure_report.batch._work import Outcome, Plan, Task, process


def dies_on_poison(task: Task, plan: Plan) -> Outcome:
    if "poison" in task.name:
        os._exit(3)
    return process(task, plan)


def always_dies(task: Task, plan: Plan) -> Outcome:
    os._exit(3)
