"""The ledger engine (台账): a declaration gives a model its list, form, detail with history,
Excel template, import, export and API — through the data scope, the audit and the masking
of ``core``. See ``registry.Ledger`` for the declaration and ``luoshi/supervision/ledgers.py``
for a whole ledger in a dozen lines.
"""
