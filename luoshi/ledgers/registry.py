"""The declaration of a ledger, and the registry the generic views, API, CLI and jobs read.

A ledger is a scoped model plus one `Ledger(...)`: its columns (what lists, exports and the API
show), filters, search fields, the form that validates every write (page, API and each imported
row alike), the services that write, and — for importable ledgers — the workbook spec of
``luoshi.exchange`` and a small hook that turns a read row into form data.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models
from django.utils.functional import Promise

from luoshi.core.masking import PERSONAL_DATA
from luoshi.exchange.spec import LedgerSpec
from luoshi.ledgers.writes import Writes, record_create, record_create_many, record_delete, record_update

_REGISTRY: dict[str, Ledger] = {}
_PLURAL = re.compile(r"[a-z][a-z0-9_-]*")


@dataclass(frozen=True)
class Column:
    """One column of a ledger's list, export and API item.

    `name` is a model field or a "__" path ("owner__phone"); `value` overrides how the cell is
    read (obj → value). `personal` ("phone" / "id_card") masks it everywhere. `sort` is the
    ORM ordering path (defaults to `name` for concrete fields; "" disables sorting). `reads` names
    the model's own fields `value` (or, on the list page, `html`) reads (`owner_id` for a relation):
    an export or a page then reads just those, as plain values, and hands `value` or `html` an object
    holding them alone (see ledgers.cells).
    """

    name: str
    label: str | Promise | None = None
    value: Callable | None = None
    personal: str | None = None
    sort: str | None = None
    default: bool = True
    width: int | None = None
    # How the list page shows the cell (obj → safe HTML, say a light's badge); exports and the API
    # keep reading the value.
    html: Callable | None = None
    reads: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Filter:
    """A list filter, by the query parameter `name`, on the model field `field` (the name unless
    declared): choices come from the field's choices, or, for a foreign key, from the related rows
    the user may see. `path_field` filters a path column by a unit and everything below it.

    A ledger declares what its users filter by beyond a field's values: `flag` is a checkbox
    (?overdue=1) that `apply(queryset, value, context)` narrows by; `none_label` adds the choice
    "none" (no value: ?line=none, the chart's 未分专线); `choices(actor)` replaces the field's.
    `hidden` filters have no control of their own: links set them (a chart's ?whole=1) and the
    toolbar keeps them, a flag as a checkbox the user may clear."""

    name: str
    label: str | Promise | None = None
    path_field: str | None = None
    field: str | None = None
    flag: bool = False
    apply: Callable | None = None
    choices: Callable | None = None
    none_label: str | Promise | None = None
    hidden: bool = False
    help: str | Promise = ""

    @property
    def field_name(self) -> str:
        return self.field or self.name


@dataclass(frozen=True)
class FilterContext:
    """What a declared filter's `apply` may need besides the rows and the value."""

    actor: object
    today: object


@dataclass(frozen=True)
class Retention:
    """How long a closed record keeps its personal data. `closed_on` is the date (or datetime) field
    path that says when a record closed (empty while it is open: a household still helped, a person
    still on the roll); `closed` narrows what counts as closed further (a Q) when a date alone does
    not say it; `label` says it in words for the record page. `days` after closing, the daily job
    `ledgers.retention` clears the record's personal columns (its own fields, not a related person's)
    and the audit log says so."""

    days: int
    closed_on: str
    label: str | Promise = ""
    closed: object = None  # a django.db.models.Q


@dataclass(frozen=True)
class BulkAction:
    """An action on the selected rows: `run(actor=, objects=)` inside one transaction."""

    name: str
    label: str | Promise
    run: Callable
    action: str = "change"


@dataclass(frozen=True)
class Ledger:
    """A model declared as a ledger. Everything but name, model, title, columns and form is optional."""

    name: str
    model: type[models.Model]
    title: str | Promise
    columns: list[Column]
    form: type
    create: Callable | None = None
    create_many: Callable | None = None
    update: Callable | None = None
    delete: Callable | None = None
    filters: list[Filter] = field(default_factory=list)
    search: tuple[str, ...] = ()
    sort: tuple[str, ...] = ("-id",)
    related: tuple[str, ...] = ()
    spec: LedgerSpec | None = None
    import_renames: dict[str, str] = field(default_factory=dict)
    import_row: Callable | None = None
    import_by_hook: tuple[str, ...] = ()
    import_options: type | None = None
    before_commit: Callable | None = None
    bulk_actions: list[BulkAction] = field(default_factory=list)
    # Columns an export carries besides those the list shows (a 任务分解表 goes out with its 进度 and 灯).
    export_columns: tuple[str, ...] = ()
    icon: str = "table"
    # The column that names a row: the link to its page, and its card's heading on a phone. The
    # first chosen column when not declared or not chosen.
    row_title: str | None = None
    # The API's /api/v1/<plural>/ (DESIGN "API conventions"): the name unless declared; "" for none.
    # Every ledger also answers at /api/v1/ledgers/<name>/.
    api_plural: str | None = None
    # The engine's generic writes (ledgers.writes): a ledger declaring them gets create, create-many,
    # update and delete from the engine, as far as `verbs` allows, unless it names its own service.
    writes: Writes | None = None
    verbs: tuple[str, ...] = ("create", "create_many", "update", "delete")
    # The record's own page (a URL name taking its pk) when it has one: the one detail page, where
    # its workflow and its panels are; the engine's detail then leads there.
    page: str | None = None
    # The address the ledger's list is known by (a URL name without arguments: the tasks' /tasks/),
    # served by the engine's list; /ledgers/<name>/ then leads there.
    list_page: str | None = None
    # A line under the form's title saying what a complete record needs.
    form_help: str | Promise = ""
    # Called on every read of the ledger's rows — a list page or its HTMX part, a record's page, its
    # edit form, an export, the API — as `on_read(actor=, channel=, objects=)` (channel: "list",
    # "detail", "form", "export", "api"), for a register whose every read is audited (纪律案件).
    on_read: Callable | None = None
    # (actor → unit path) the audit entries of the ledger's exports are filed under, when not the
    # actor's own unit (纪律案件: under no office's path, so the township's log does not show them)
    audit_path: Callable | None = None
    # Who may reveal a personal column of one record (with a reason, audited) and export the full
    # numbers: core.masking.PERSONAL_DATA unless declared (a Policy with `reveal` and `export_unmasked`).
    personal_policy: object = None
    # How long a closed record keeps its personal data (None: as long as the record).
    retention: Retention | None = None

    def __post_init__(self):
        if self.writes is not None:
            generic = {"create": record_create, "create_many": record_create_many, "update": record_update,
                       "delete": record_delete}
            for verb in self.verbs:
                if getattr(self, verb) is None:
                    object.__setattr__(self, verb, functools.partial(generic[verb], self.writes))
        if self.name in _REGISTRY and _REGISTRY[self.name].model is not self.model:
            raise ValueError(f"ledger {self.name!r} is already declared")
        if self.row_title and self.column(self.row_title) is None:
            raise ValueError(f"ledger {self.name!r}: row_title {self.row_title!r} is not one of its columns")
        if any(self.column(name) is None for name in self.export_columns):
            raise ValueError(f"ledger {self.name!r}: an export column is not one of its columns")
        if self.plural and not _PLURAL.fullmatch(self.plural):
            raise ValueError(f"ledger {self.name!r}: api_plural {self.plural!r} is not a path segment")
        personal = {c.name for c in self.personal_columns}
        if any(name.split("__")[-1] in {p.split("__")[-1] for p in personal} for name in self.search):
            # a search by part of a number would tell it digit by digit: a whole number is matched exactly
            raise ValueError(f"ledger {self.name!r}: a personal column may not be searched by its parts")

    @property
    def personal_columns(self) -> list[Column]:
        return [c for c in self.columns if c.personal]

    @property
    def own_personal_fields(self) -> dict[str, str]:
        """{field: kind} of the personal columns that are the record's own fields (not a related row's)."""
        names = {f.name for f in self.model._meta.concrete_fields}
        return {c.name: c.personal for c in self.personal_columns if c.name in names and c.value is None}

    def personal_allows(self, user, action: str) -> bool:
        """"reveal" or "export_unmasked", by the ledger's personal-data policy (and never past `view`)."""
        return self.allows(user, "view") and (self.personal_policy or PERSONAL_DATA).allows(user, action)

    @property
    def plural(self) -> str:
        """The path segment of the ledger's own API (/api/v1/<plural>/), or "" when it has none."""
        return self.name if self.api_plural is None else self.api_plural

    @property
    def object_arg(self) -> str:
        """The keyword the update/delete services take the object by ("task", "problem")."""
        return self.model._meta.model_name

    @property
    def importable(self) -> bool:
        return self.spec is not None and self.create is not None

    def allows(self, user, action: str) -> bool:
        """import falls back to the policy's add, export to its view."""
        policy = self.model.policy
        fallback = {"import": "add", "template": "add", "export": "view"}.get(action)
        if fallback and not policy.roles_for(action):
            action = fallback
        return policy.allows(user, action)

    def title_index(self, columns: list[Column]) -> int:
        """Where the row's title is among the chosen `columns`."""
        names = [c.name for c in columns]
        return names.index(self.row_title) if self.row_title in names else 0

    def detail_url(self, pk) -> str:
        from django.urls import reverse

        return reverse(self.page, args=[pk]) if self.page else reverse("ledgers:detail", args=[self.name, pk])

    def detail_url_of(self) -> Callable[[int], str]:
        """`detail_url` for many rows: the URL resolved once, each row's id put in its place."""
        sentinel = "2147483647"
        pattern = self.detail_url(sentinel)
        return lambda pk: pattern.replace(sentinel, str(int(pk)))

    def list_url(self) -> str:
        from django.urls import reverse

        return reverse(self.list_page) if self.list_page else reverse("ledgers:list", args=[self.name])

    def read_by(self, actor, channel: str, objects) -> None:
        """Tell the declaration's `on_read` (if any) that `actor` read `objects` through `channel`."""
        if self.on_read is not None:
            self.on_read(actor=actor, channel=channel, objects=list(objects))

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)


def register(ledger: Ledger) -> Ledger:
    """Register a ledger. Its personal columns that are the model's own fields join the model's
    `personal_fields`, which the audit log's snapshots mask: declaring `personal=` is enough."""
    _REGISTRY[ledger.name] = ledger
    own = ledger.own_personal_fields
    if own:
        ledger.model.personal_fields = {**getattr(ledger.model, "personal_fields", {}), **own}
    return ledger


def get_ledger(name: str) -> Ledger | None:
    return _REGISTRY.get(name)


def all_ledgers() -> list[Ledger]:
    return list(_REGISTRY.values())


class _AnyLedger:
    """Policy-like: allows an action when some ledger does (the menu shows 台账 only then)."""

    def allows(self, user, action: str) -> bool:
        return any(ledger.allows(user, action) for ledger in _REGISTRY.values())


ANY_LEDGER = _AnyLedger()
