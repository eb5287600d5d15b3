"""Input formats of zh-hans, ISO first.

A form widget renders its value in the first input format, and the browser's <input type="date">
keeps only "2026-12-31": Django's zh-hans lists "2026/12/31" first, which the browser dropped, so
saving an edit form unchanged deleted its dates. Typed or imported text in the other formats is
still read. Display formats (DATE_FORMAT …) stay Django's.
"""

DATE_INPUT_FORMATS = [
    "%Y-%m-%d",  # 2026-12-31: what <input type="date"> holds and sends
    "%Y/%m/%d",  # 2026/12/31
    "%Y年%m月%d日",  # 2026年12月31日 (Django's own "%Y年%n月%j日" never matches)
]
TIME_INPUT_FORMATS = [
    "%H:%M",  # 08:30: what <input type="time"> holds and sends
    "%H:%M:%S",
    "%H:%M:%S.%f",
]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M",  # 2026-12-31 08:30: <input type="datetime-local"> keeps it (and sends "T")
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M:%S.%f",
    "%Y年%m月%d日 %H:%M",
    "%Y年%m月%d日 %H:%M:%S",
]
