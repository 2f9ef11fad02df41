"""How many service supervision tasks wait on the seller, and how many there are.

The navigation shows both ("Supervision (12 / 1,219)"). "Waiting on the seller" is exactly the
dashboard's tile (:data:`app.services.figures.dashboard.Tile.TASKS_WAITING`): the current node is
the seller's and the task is not frozen by an appeal, so both places give the same number.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, false, func, select

from app.models import SupervisionTask
from app.services.figures.dashboard import SELLER


@dataclass(frozen=True)
class TaskCounts:
    waiting: int  # on the seller
    total: int


def task_counts(engine: Engine) -> TaskCounts:
    """Both counts in one aggregate query."""
    waiting = func.count().filter(
        SupervisionTask.node_owner == SELLER, SupervisionTask.frozen == false()
    )
    stmt = select(waiting, func.count()).select_from(SupervisionTask)
    with engine.connect() as conn:
        row = conn.execute(stmt).one()
    return TaskCounts(int(row[0]), int(row[1]))
