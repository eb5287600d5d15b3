"""Every user-facing string goes through Django's translation machinery, and the catalogue is current.

The source language is zh-hans and the msgids are the Chinese text itself: `_("草稿")` in Python,
`{% translate "工作计划" %}` / `{% blocktranslate %}` in templates. Django falls back to the msgid
when a catalogue has no translation, so the pages read the same; `make messages` (`luoshi
messages`) collects the msgids into luoshi/locale/zh_Hans/LC_MESSAGES/django.po.

Three checks:
- a template holds Chinese only inside translate / blocktranslate tags, `_("…")` arguments and
  comments ({# #}, {% comment %}, <!-- -->);
- a Python module holds a Chinese string literal only as the argument of a gettext call, as a
  docstring, or where the literal is not a message to a user (the rules and lists below, each
  with its reason);
- django.po holds exactly the msgids the code has (run `make messages` after changing one).

"Chinese" here is a Han character: punctuation alone (、；：（）) is not a message.

`python -m luoshi.core.tests.test_translatable` lists what the first two checks find.
"""

from __future__ import annotations

import ast
import fnmatch
import io
import re
import tokenize
from functools import cache
from pathlib import Path

from luoshi.cli import MESSAGES_IGNORE

ROOT = Path(__file__).resolve().parents[2]  # the `luoshi` package
PO = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")

# Files whose Chinese literals are not messages to users, by category. A path pattern
# (fnmatch, relative to the repository) → why.
NOT_MESSAGES: dict[str, str] = {
    "luoshi/*/tests/*": "tests: fixtures and the text the pages are expected to show",
    "luoshi/*/migrations/*": "migrations: frozen copies of model labels; Django never shows them",
    "luoshi/extraction/*": (
        "extraction's lexicons: the words, numerals and patterns it reads in a Chinese speech "
        "(but for the modules of SPEAKING below)"
    ),
    "luoshi/demo.py": "demo data: the rows of a made-up township, as its users would type them",
    "luoshi/*/demo.py": "demo data: the rows of a made-up township, as its users would type them",
    "luoshi/*/demo_data.py": "demo data: the rows of a made-up township, as its users would type them",
    "luoshi/generate/*": "benchmark data: deterministic rows (names of places, people, tasks)",
    "luoshi/org/testing.py": "the test personas' county, built in code for the tests",
    "luoshi/ledgers/testing.py": "workbooks built in code for the tests",
    "luoshi/config/formats/*": "a locale's format module: it is already one language's (zh_Hans)",
    "luoshi/config/settings/*": (
        "settings: read before Django's translations can run; its refusals to start are "
        "bilingual, for the operator"
    ),
    "luoshi/config/env.py": "settings' environment: read before Django's translations can run",
    "luoshi/*/specs.py": (
        "the county's workbook vocabulary: header wordings and choice words read on import and "
        "written on templates, so a template imports unchanged; it is data of the Chinese forms"
    ),
    "luoshi/exchange/shared_fields.py": "the county's workbook vocabulary (as the specs)",
}

# Modules inside a folder NOT_MESSAGES exempts that do speak to users: they are checked.
SPEAKING: tuple[str, ...] = (
    "luoshi/extraction/reader.py",  # why an upload cannot be read
    "luoshi/extraction/docx_reader.py",
    "luoshi/extraction/cli.py",
)

# A literal that is not a message, in a module that otherwise has messages, carries a comment on
# its line or on the first line of a statement that holds it (a multi-line constant; a def's line
# covers the whole function): `# i18n: <kind>`, a kind from this list.
MARKS: dict[str, str] = {
    "input": (
        "words, patterns or characters the code reads in Chinese input (workbooks, speeches, "
        "names, dates); translating them would stop the reading"
    ),
    "data": "a value stored or matched as data (a font name, a stored word), never shown as a message",
    "before-django": "printed before Django is set up (the command's --help), when gettext cannot run",
}
MARK = re.compile(r"\bi18n:\s*([\w-]+)")

# Files other engineers are changing while this test was written: their Chinese is not wrapped
# yet. This list must shrink to empty (the lead empties it); the test fails on an entry that has
# nothing left to wrap, so that it is struck off.
PENDING: tuple[str, ...] = (
    "luoshi/economy/*",
    "luoshi/org/api*.py",
    "luoshi/api.py",
)

# The names xgettext reads as gettext calls when Django's makemessages runs it (its Python
# defaults and the keywords Django adds), with the position of the msgid and of the context.
GETTEXT: dict[str, tuple[int, int | None]] = {
    "_": (0, None),
    "gettext": (0, None),
    "gettext_lazy": (0, None),
    "gettext_noop": (0, None),
    "ngettext": (0, None),
    "ngettext_lazy": (0, None),
    "pgettext": (1, 0),
    "pgettext_lazy": (1, 0),
    "npgettext": (1, 0),
    "npgettext_lazy": (1, 0),
}
# Calls whose first argument is read, not shown: a regular expression, or what a string method
# looks for in the input.
RE_CALLS = frozenset({"compile", "match", "fullmatch", "search", "sub", "subn", "split", "findall", "finditer"})
READING_METHODS = frozenset({
    "startswith", "endswith", "strip", "lstrip", "rstrip", "split", "rsplit", "partition",
    "rpartition", "removeprefix", "removesuffix", "find", "rfind", "index", "rindex", "count",
    "replace",
})
READING_COMPARISONS = (ast.Eq, ast.NotEq, ast.In, ast.NotIn)


def _rel(path: Path) -> str:
    return path.relative_to(ROOT.parent).as_posix() if path.is_relative_to(ROOT.parent) else str(path)


def _matches(rel: str, patterns) -> list[str]:
    return [p for p in patterns if fnmatch.fnmatch(rel, p)]


def _sources(suffix: str) -> list[Path]:
    """The files makemessages reads (luoshi/, without tests, static files, hidden folders)."""
    out = []
    for path in sorted(ROOT.rglob(f"*{suffix}")):
        parts = path.relative_to(ROOT).parts
        if any(p.startswith(".") or p in MESSAGES_IGNORE for p in parts[:-1]):
            continue
        out.append(path)
    return out




# --- templates ------------------------------------------------------------------------------------

_GETTEXT_LITERAL = re.compile(r"""_\(\s*(?:"[^"]*"|'[^']*')\s*\)""")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)


def template_findings(path: Path) -> list[str]:
    """Chinese text of a template outside translate tags, `_("…")` and comments."""
    from django.template.base import Lexer, TokenType

    found = []
    text = path.read_text(encoding="utf-8")
    in_comment = in_translation = False
    for token in Lexer(_HTML_COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)).tokenize():
        words = token.contents.split()
        command = words[0] if words and token.token_type == TokenType.BLOCK else ""
        if in_comment:
            in_comment = command != "endcomment"
            continue
        if in_translation:
            in_translation = command not in ("endblocktranslate", "endblocktrans")
            continue
        if token.token_type == TokenType.COMMENT or command in ("translate", "trans"):
            continue
        if command == "comment":
            in_comment = True
            continue
        if command in ("blocktranslate", "blocktrans"):
            in_translation = True
            continue
        rest = token.contents if token.token_type == TokenType.TEXT else _GETTEXT_LITERAL.sub("", token.contents)
        if han := HAN.search(rest):
            start = rest.rfind("\n", 0, han.start()) + 1
            end = rest.find("\n", han.start())
            line = rest[start:end if end >= 0 else None].strip()
            found.append(f"{_rel(path)}:{token.lineno + rest.count(chr(10), 0, han.start())}: {line[:100]}")
    return found


# --- Python ---------------------------------------------------------------------------------------


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _marked_lines(source: str) -> dict[int, str]:
    lines = {}
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.COMMENT and (m := MARK.search(tok.string)):
            lines[tok.start[0]] = m.group(1)
    return lines


def python_findings(path: Path) -> list[str]:
    """Chinese string literals of a module that are not gettext arguments, docstrings or exempt."""
    source = path.read_text(encoding="utf-8")
    if not HAN.search(source):
        return []
    tree = ast.parse(source)
    marks = _marked_lines(source)
    found = [f"{_rel(path)}:{line}: unknown mark `i18n: {kind}`" for line, kind in marks.items() if kind not in MARKS]
    marks = {line: kind for line, kind in marks.items() if kind in MARKS}
    allowed: set[int] = set()  # ids of the nodes whose literals are fine

    def allow(node: ast.AST | None) -> None:
        if node is not None:
            allowed.update(id(n) for n in ast.walk(node))

    parents: dict[int, ast.AST] = {}
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                allow(first.value)  # a docstring
        for child in ast.iter_child_nodes(node):
            parents[id(child)] = node
        if isinstance(node, ast.Call):
            name = _name(node.func)
            if name in GETTEXT:
                for arg in node.args:
                    if isinstance(arg, ast.JoinedStr):
                        found.append(f"{_rel(path)}:{node.lineno}: an f-string in {name}(): "
                                     "makemessages cannot read it; use %(name)s placeholders")
                    allow(arg)
            elif name in RE_CALLS and isinstance(node.func, ast.Attribute) and _name(node.func.value) == "re":
                allow(node.args[0] if node.args else None)
            elif name in READING_METHODS and isinstance(node.func, ast.Attribute) and node.args:
                allow(node.args[0])
            elif name == "maketrans":
                for arg in node.args:
                    allow(arg)
        if isinstance(node, ast.Compare) and all(isinstance(op, READING_COMPARISONS) for op in node.ops):
            for operand in (node.left, *node.comparators):
                allow(operand)
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str) and HAN.search(node.value)):
            continue
        if id(node) in allowed:
            continue
        if node.lineno in marks or any(s.lineno in marks for s in _statements_around(node, parents)):
            continue
        found.append(f"{_rel(path)}:{node.lineno}: {node.value.strip()[:80]!r}")
    return found


def _statements_around(node: ast.AST, parents: dict[int, ast.AST]):
    """The statements that hold a node, innermost first (a def's line marks its whole body)."""
    while (node := parents.get(id(node))) is not None:
        if isinstance(node, ast.stmt):
            yield node


@cache
def all_findings() -> dict[str, list[str]]:
    """Findings per file, for every file not exempt (PENDING ones included)."""
    out = {}
    for path in _sources(".html"):
        out[_rel(path)] = template_findings(path)
    for path in _sources(".py"):
        rel = _rel(path)
        if _matches(rel, SPEAKING) or not _matches(rel, NOT_MESSAGES):
            out[rel] = python_findings(path)
    return out


def test_templates_and_python_translate_what_users_read():
    found = [f for rel, fs in all_findings().items() if not _matches(rel, PENDING) for f in fs]
    assert not found, (
        "Chinese outside the translation machinery (wrap it in {% translate %} / {% blocktranslate %} "
        "or _(); see this module's docstring for what is exempt):\n" + "\n".join(found)
    )


def test_pending_entries_still_have_something_to_wrap():
    stale = [p for p in PENDING if not any(fs for rel, fs in all_findings().items() if fnmatch.fnmatch(rel, p))]
    assert not stale, f"nothing left to wrap: strike these off PENDING: {stale}"


def test_the_template_check_sees_text_and_skips_comments_and_translations(tmp_path):
    fine = tmp_path / "fine.html"
    fine.write_text(
        '{% load i18n %}{# 注释 #}{% comment %}说明{% endcomment %}<!-- 备注 -->\n'
        '<h1>{% translate "好" %}</h1><p title="{% translate \'标题\' %}">'
        "{% blocktranslate trimmed with n=rows|length %}\n共 {{ n }} 项\n{% endblocktranslate %}</p>"
        '{{ x|default:_("无") }}{% include "a.html" with t=_("标题") %}（{{ y }}）、', encoding="utf-8")
    assert template_findings(fine) == []
    bad = tmp_path / "bad.html"
    bad.write_text('<p>没有</p>\n{{ x|default:"无" }}\n<i title="标题"></i>\n{% include "a.html" with t="标题" %}\n'
                   '{% if s == "已办结" %}{% endif %}', encoding="utf-8")
    assert [f.split(":")[1] for f in template_findings(bad)] == ["1", "2", "3", "4", "5"]


def test_the_python_check_sees_literals_and_skips_docstrings_comments_and_reading(tmp_path):
    fine = tmp_path / "fine.py"
    fine.write_text(
        '"""模块说明。"""\nimport re\nfrom django.utils.translation import gettext as _\n\n\n'
        'def f(s, n):\n    """函数说明。"""\n    # 注释：中文\n'
        '    if s == "是" or s in ("否", "无") or s.startswith("第") or re.match("^一", s):\n'
        '        return _("共 %(n)d 项") % {"n": n}\n'
        '    WORDS = ("立即", "马上")  # i18n: input\n'
        '    return "、".join(WORDS)\n', encoding="utf-8")
    assert python_findings(fine) == []
    bad = tmp_path / "bad.py"
    bad.write_text('from django.utils.translation import gettext as _\n\n\ndef f(n):\n'
                   '    a = "没有"\n    b = f"共 {n} 项"\n    c = _(f"共 {n} 项")\n'
                   '    d = "立即"  # i18n: wrong\n    return a, b, c, d\n', encoding="utf-8")
    lines = [f.split(":")[1] for f in python_findings(bad)]
    # an f-string's two pieces on line 6; line 8: an unknown mark, and the literal it does not excuse
    assert sorted(lines) == ["5", "6", "6", "7", "8", "8"]


# --- the catalogue --------------------------------------------------------------------------------

_TEMPLATE_CALL = re.compile(r"""\b(_|gettext|pgettext|ngettext|npgettext)\(((?:\s*u?(?:'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")\s*,?)+)""")
_LITERAL = re.compile(r"""u?(?:'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")""")


def code_msgids() -> set[tuple[str | None, str]]:
    """(context, msgid) of every gettext call in the files makemessages reads, as xgettext reads them."""
    from django.utils.translation.template import templatize

    ids: set[tuple[str | None, str]] = set()
    for path in _sources(".py"):
        source = path.read_text(encoding="utf-8")
        if not any(f"{name}(" in source for name in GETTEXT):
            continue
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Call) and (spec := GETTEXT.get(_name(node.func))):
                msgid, context = spec
                args = node.args
                if len(args) > msgid and isinstance(args[msgid], ast.Constant) and isinstance(args[msgid].value, str):
                    ctx = args[context].value if context is not None and isinstance(args[context], ast.Constant) else None
                    ids.add((ctx, args[msgid].value))
    for path in _sources(".html"):
        code = templatize(path.read_text(encoding="utf-8"), origin=str(path))
        for call in _TEMPLATE_CALL.finditer(code):
            literals = [ast.literal_eval(lit) for lit in _LITERAL.findall(call.group(2))]
            if call.group(1) in ("pgettext", "npgettext"):
                ids.add((literals[0], literals[1]))
            else:
                ids.add((None, literals[0]))
    ids.discard((None, ""))
    return ids


def po_msgids(path: Path = PO) -> set[tuple[str | None, str]]:
    """(context, msgid) of the catalogue's live entries (not the header, not obsolete ones)."""
    ids = set()
    context = msgid = None
    field = None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("msgctxt "):
            context, field = ast.literal_eval(line[8:]), "ctx"
        elif line.startswith("msgid "):
            msgid, field = ast.literal_eval(line[6:]), "id"
        elif line.startswith('"') and field in ("ctx", "id"):
            if field == "ctx":
                context += ast.literal_eval(line)
            else:
                msgid += ast.literal_eval(line)
        elif line.startswith("msgid_plural ") or line.startswith("msgstr"):
            field = None
        elif not line.strip():
            if msgid:
                ids.add((context, msgid))
            context = msgid = field = None
    return ids


def test_catalogue_is_current():
    in_code, in_po = code_msgids(), po_msgids()
    missing = sorted(m for _c, m in in_code - in_po)
    extra = sorted(m for _c, m in in_po - in_code)
    assert not missing and not extra, (
        "luoshi/locale/zh_Hans/LC_MESSAGES/django.po is out of date: run `make messages`.\n"
        f"not in the catalogue: {missing[:20]}\nno longer in the code: {extra[:20]}"
    )


if __name__ == "__main__":
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luoshi.config.settings.test")
    django.setup()
    for rel, fs in all_findings().items():
        tag = " (pending)" if _matches(rel, PENDING) else ""
        for f in fs:
            print(f + tag)
