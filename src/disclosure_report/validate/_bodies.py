"""What kind of body published a report, read from its name (for deadlines and content rules)."""

from __future__ import annotations

import re
from typing import Final

__all__ = ["is_government"]

_GOVERNMENT: Final = re.compile(r"人民政府(?:[（(][^）)]*[)）])?$|管委会|管理委员会|汇总")
"""A people's government, an administrative committee acting as one, or an aggregate report."""
_OFFICE: Final = re.compile(r"人民政府(?:办公厅|办公室)")
"""The general office of a government: a department (工作部门) of it."""


def is_government(organ: str | None) -> bool:
    """True when ``organ`` names a people's government (or an aggregate report), not a department.

    >>> is_government("淮安市洪泽区人民政府"), is_government("上海市人民政府办公厅")
    (True, False)
    """
    if organ is None:
        return False
    name = "".join(organ.split())
    return bool(_GOVERNMENT.search(name)) and not _OFFICE.search(name)
