"""Excel and Word in and out: reading township ledgers (台账) from .xlsx workbooks.

The reading half of ``luoshi import`` lives here as pure Python (no Django, no database)
so the ledger engine, the CLI and the jobs share one reader:

- ``workbook.read_workbook(path, spec)``: find the tables, map the columns, expand merged
  cells, return normalised rows and per-cell errors (``ReadResult``);
  ``workbook.layout_signature(table)`` remembers a user's column mapping per layout.
- ``spec``: the field specification of a ledger (``LedgerSpec`` of ``FieldSpec``s). Each ledger
  declares its own beside its declaration (``plans/specs.py``, ``supervision/specs.py``,
  ``economy/ledgers.py``); ``shared_fields`` holds the columns most ledgers share (责任领导 … 备注).
- ``deadlines.parse_deadline``: 完成时限 as written → date, kind and recurrence.
- ``safety.check_upload``: refuse hostile or wrong files before any parser touches them.
- ``errorbook.annotated_error_workbook``: the uploaded workbook with bad cells marked.
- ``sanitize.escape_formula``: keep exported text from being evaluated as a formula.
- ``errors.WorkbookError``: the one exception a caller has to catch (message in Chinese).

Inside the reader, one module per step: ``grid`` (values and merged cells of visible
sheets, via python-calamine), ``headers`` (header rows by synonym scoring, column
mapping), ``tables`` (cutting a sheet into tables, telling data rows from totals, notes
and captions), ``rows`` (a data row → fields and errors), ``units`` (one cell naming a
lead unit and its co-operating units), ``formats`` (what a date cell displayed, for dates
Excel made of "2024年6月" or "6月30日"), ``text`` (clean-up shared by all), ``zipscan``
(bounded inflation for ``safety``).

The package ``__init__`` deliberately imports nothing, so importing one submodule stays cheap.
"""
