"""A readable Chinese outline of an extracted plan, for `luoshi extract` without --json."""

_BEFORE_NUMBER = ("不少于", "不低于", "不超过", "不高于", "超过", "高于", "低于", "至少", "约", "近")
_KINDS = {"quantity": "定量", "milestone": "节点", "recurring": "常态", "qualitative": "定性"}


def render_outline(plan: dict) -> str:
    """Title, the sections indented by level, then each target with its fields."""
    lines = [f"标题：{plan['title'] or '（未识别）'}", "", f"结构（{len(plan['sections'])} 项）："]
    for section in plan["sections"]:
        indent = "  " * section["level"]
        lines.append(f"{indent}{section['number']}{section['title']}")
    lines += ["", f"目标任务（{len(plan['targets'])} 项）："]
    for index, target in enumerate(plan["targets"], 1):
        lines.extend(_target_lines(index, target))
    return "\n".join(lines)


def _target_lines(index: int, target: dict) -> list[str]:
    head = f"{index}. [{_KINDS.get(target['kind'], target['kind'])}] {target['indicator'] or target['text']}"
    if target["unit"]:
        head += f"：{_amount(target)}"
    fields = [
        ("力度", target["strength"]),
        ("时限", target["deadline"]),
        ("期间", target["period"]),
        ("频次", target["recurrence"]),
        ("责任", "、".join(target["responsible"])),
        ("责任领导", "、".join(target.get("leaders") or [])),
        ("责任人", "、".join(target.get("owners") or [])),
        ("所属", " / ".join(target["section"])),
    ]
    detail = "；".join(f"{name}：{value}" for name, value in fields if value)
    lines = [head]
    if detail:
        lines.append(f"   {detail}")
    lines.append(f"   原文：{target['text']}")
    return lines


def _amount(target: dict) -> str:
    """ "不少于600人次", "×个", "6.5%左右": the qualifier where Chinese puts it."""
    value = "×" if target["value"] is None else _number(target["value"])
    qualifier = target["qualifier"] or ""
    if qualifier in _BEFORE_NUMBER:
        return f"{qualifier}{value}{target['unit']}"
    return f"{value}{target['unit']}{qualifier}"


def _number(value) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
