"""One form base for choices from the actor's scope (core.forms.ScopedForm): every form of every app
that offers rows of a model is one, and a row outside the actor's scope is refused like an unknown one."""

import ast
import importlib
import inspect
from pathlib import Path

import pytest
from django import forms

from luoshi.core.forms import ScopedForm
from luoshi.org.forms import PersonForm

APPS = Path(__file__).parents[2]


def _form_modules():
    for path in sorted(APPS.glob("*/**/*.py")):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        if "forms" in path.stem or path.stem == "ledgers" or "views" in path.parts or path.stem == "views":
            yield importlib.import_module(".".join(path.relative_to(APPS.parent).with_suffix("").parts))


def test_every_form_offering_model_rows_is_a_scoped_form():
    unscoped = set()
    for module in _form_modules():
        for cls in vars(module).values():
            if (inspect.isclass(cls) and issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__
                    and any(isinstance(f, forms.ModelChoiceField) for f in cls.base_fields.values())
                    and not issubclass(cls, ScopedForm)):
                unscoped.add(f"{cls.__module__}.{cls.__name__}")
    assert unscoped == set()


def test_no_app_defines_a_second_actor_form_base():
    """A form class taking `actor` itself (rather than through ScopedForm) is a copy of the base."""
    copies = []
    for path in sorted(APPS.glob("*/**/*.py")):
        if "tests" in path.parts or path == APPS / "core" / "forms.py":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ClassDef):
                for item in node.body:
                    if (isinstance(item, ast.FunctionDef) and item.name == "__init__"
                            and any(a.arg == "actor" for a in item.args.kwonlyargs)
                            and any(isinstance(n, ast.Assign) and any(
                                isinstance(t, ast.Attribute) and t.attr == "actor" for t in n.targets)
                                for n in ast.walk(item))):
                        copies.append(f"{path.relative_to(APPS)}:{node.name}")
    assert copies == []


@pytest.mark.django_db
def test_a_scoped_form_offers_what_its_actor_sees_and_refuses_the_rest(world):
    village, other = world.user("village"), world.unit("other_township")
    form = PersonForm({"name": "张三", "unit": other.pk}, actor=village)
    assert set(form.fields["unit"].queryset) == {world.unit("village"), world.unit("group")}
    assert not form.is_valid() and "unit" in form.errors
    assert PersonForm({"name": "张三", "unit": world.unit("village").pk}, actor=village).is_valid()


def test_querysets_naming_a_field_the_form_lacks_are_skipped():
    class Dropped(ScopedForm):
        name = forms.CharField()

        def querysets(self):
            return {"unit": None}

    assert set(Dropped(actor=None).fields) == {"name"}
