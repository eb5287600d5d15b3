"""What the detail pages of 通报, 公示 and the year's review share: a record edited on its own page, and
its figures generated again from the data, each ending back on that page with a message."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from luoshi.core.errors import ServiceError, add_to_form


def edit_in_place(request, form_class, *, initial: dict, save: Callable, to: str, pk: int):
    """The record's edit form, bound to a POST and saved through `save(version=…, **fields)` (its service).
    Returns (form, response): the response is the redirect back to the page once saved; a refusal is
    put on the form, which the page shows again."""
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            save(version=data.pop("version"), **data)
        except ServiceError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("已保存。"))
            return form, redirect(to, pk=pk)
    return form, None


def regenerated(request, refresh: Callable, *, to: str, pk: int):
    """Generate a draft's figures again from the data (`refresh()`, its service), then back to its page."""
    try:
        refresh()
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("已按最新数据重新生成。"))
    return redirect(to, pk=pk)
