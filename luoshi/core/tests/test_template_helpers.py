"""Template helpers shared by every page: model names in Chinese, and empty lists that say what to do."""

from django.template import Context, Template
from django.test import RequestFactory

from luoshi.core.templatetags.luoshi import model_name


def test_an_audit_object_type_reads_as_the_models_chinese_name():
    assert model_name("org.user") == "用户"
    assert model_name("supervision.urge") == "督办单"
    assert model_name("no.such") == "no.such" and model_name("") == ""


def _empty(path: str) -> str:
    template = Template('{% include "core/_empty.html" with message="没有督办单。" hint="下发后会出现在这里。" %}')
    return template.render(Context({"request": RequestFactory().get(path)}))


def test_an_empty_list_says_what_comes_next():
    html = _empty("/urges/?page=2&page_size=50&sort=deadline")
    assert "没有督办单。" in html and "下发后会出现在这里。" in html and "清除筛选" not in html


def test_an_empty_filtered_list_offers_to_clear_the_filters():
    html = _empty("/urges/?status=open&page_size=50")
    assert 'href="/urges/"' in html and "清除筛选条件" in html and "下发后会出现在这里。" not in html
