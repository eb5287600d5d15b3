"""`luoshi extract PATH [--json]`: print the draft plan of a deployment document.

Exit codes: 0 done, 2 the document could not be read (Chinese message on stderr) or the
arguments were wrong.
"""

import json
import sys

from django.utils.translation import gettext_lazy as _

from . import extract_path
from .errors import ExtractionError
from .outline import render_outline

USAGE = _("用法：luoshi extract 文件路径 [--json]\n读取讲话稿或工作要点（.docx 或 .txt），输出识别出的结构和目标任务。")


def main(argv: list[str]) -> int:
    """Run the command with `argv` (without the program and sub-command names)."""
    if any(arg in ("-h", "--help") for arg in argv):
        print(USAGE)
        return 0
    as_json = "--json" in argv
    paths = [arg for arg in argv if arg != "--json"]
    if len(paths) != 1 or paths[0].startswith("--"):
        print(USAGE, file=sys.stderr)
        return 2
    try:
        plan = extract_path(paths[0])
    except ExtractionError as error:
        print(_("无法识别：%(message)s") % {"message": error.message}, file=sys.stderr)
        return 2
    print(json.dumps(plan, ensure_ascii=False, indent=2) if as_json else render_outline(plan))
    return 0


if __name__ == "__main__":
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luoshi.config.settings.dev")  # the messages go through gettext
    django.setup()
    raise SystemExit(main(sys.argv[1:]))
