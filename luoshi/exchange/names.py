"""Names as written in a workbook → the units and people the importer may see.

Townships shorten names ("经济发展办" for 经济发展办公室) and call leaders by surname and title
("王镇长"); both resolve when exactly one visible row fits. A name that fits nothing the
importer may see gets the same answer whether or not it exists elsewhere, so an import cannot
probe another village's data.
"""

from __future__ import annotations

import re
from collections import defaultdict

from django.utils.translation import gettext as _

_SPACES = re.compile(r"\s+")


def _key(text: str) -> str:
    return _SPACES.sub("", str(text or "")).strip()


class NameIndex:
    """Exact names first, then a unique abbreviation, then (people) surname + title."""

    def __init__(self, objects: list) -> None:
        self.exact: dict[str, list] = defaultdict(list)
        self.objects = objects
        for obj in objects:
            self.exact[_key(str(obj))].append(obj)

    def resolve(self, value) -> tuple[object, str | None]:
        """(pk or list of pks or None, reason or None) for a cell value (str or list of str)."""
        if isinstance(value, list):
            found, bad = [], []
            for name in value:
                pk, reason = self.resolve(name)
                (bad if reason else found).append(name if reason else pk)
            return found, (self._missing("、".join(bad)) if bad else None)
        name = _key(value)
        if not name:
            return None, None
        hits = self.exact.get(name) or self._fuzzy(name)
        if len(hits) == 1:
            return hits[0].pk, None
        if len(hits) > 1:
            return None, _("“%(name)s”有重名，请写全称或在系统中区分后再导入") % {"name": name}
        return None, self._missing(name)

    @staticmethod
    def _missing(name: str) -> str:
        return _("“%(name)s”不存在或不在您的数据权限范围内") % {"name": name}

    def _fuzzy(self, name: str) -> list:
        if len(name) < 2:
            return []
        # An abbreviation keeps the beginning of the name; "路村" must never match "大路村".
        shortened = [o for o in self.objects if _key(str(o)).startswith(name)]
        if shortened:
            return shortened
        title = name[1:]
        return [o for o in self.objects if _key(str(o)).startswith(name[0]) and title
                and title in _key(getattr(o, "title", "") or "")]
