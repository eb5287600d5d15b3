"""`luoshi extract PATH [--json]` as the lead engineer will hook it in."""

import json

from luoshi.extraction.cli import main

SPEECH = "2024年工作要点\n一、抓项目\n（一）招商。全年确保新上亿元项目3个。（责任单位：镇经发办）\n"


def test_json_output_follows_the_contract(tmp_path, capsys):
    path = tmp_path / "plan.txt"
    path.write_text(SPEECH, encoding="utf-8")
    assert main([str(path), "--json"]) == 0
    plan = json.loads(capsys.readouterr().out)
    assert set(plan) == {"title", "sections", "targets"}
    assert set(plan["targets"][0]) == {
        "text",
        "offset",
        "section",
        "indicator",
        "value",
        "unit",
        "qualifier",
        "strength",
        "deadline",
        "period",
        "recurrence",
        "responsible",
        "leaders",
        "owners",
        "kind",
    }
    assert plan["targets"][0]["responsible"] == ["镇经发办"]
    assert plan["targets"][0]["leaders"] == plan["targets"][0]["owners"] == []


def test_outline_is_readable_chinese(tmp_path, capsys):
    path = tmp_path / "plan.txt"
    path.write_text(SPEECH, encoding="utf-8")
    assert main([str(path)]) == 0
    out = capsys.readouterr().out
    assert "标题：2024年工作要点" in out
    assert "  一、抓项目" in out and "    （一）招商" in out
    assert "新上亿元项目：3个" in out and "力度：确保" in out


def test_unreadable_file_prints_the_chinese_reason_and_returns_2(tmp_path, capsys):
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    assert main([str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and ".docx" in captured.err


def test_wrong_arguments_return_2(capsys):
    assert main([]) == 2
    assert "用法" in capsys.readouterr().err


def test_the_command_prints_its_chinese_message_outside_the_tests(tmp_path):
    """The messages go through gettext, so the command sets Django up before it reads a document."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    missing = tmp_path / "无此文件.txt"
    for command in (["-m", "luoshi.cli", "extract"], ["-m", "luoshi.extraction.cli"]):
        run = subprocess.run([sys.executable, *command, str(missing)], env=env, capture_output=True, text=True,
                             timeout=120)
        assert run.returncode == 2, run.stderr
        assert run.stderr == f"无法识别：找不到文件：{missing}\n"
