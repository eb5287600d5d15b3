"""The demo's 公示: the township's 实事承诺 and their progress, published by the office for 30 days, so a
visitor without a login can open it. Once."""

from __future__ import annotations

import datetime as dt

from luoshi.org.models import User
from luoshi.reports import notices
from luoshi.reports.models_notices import NoticeKind, NoticeStatus, PublicNotice

FOREWORD = (  # i18n: data (the demo office's own words)
    "根据镇党委部署，各村党支部书记在全镇重点工作部署会上当场作出为民办实事承诺。现将承诺事项及办理进展予以公示，"
    "接受群众监督。公示期内如有意见建议，请向镇党政办公室反映。")


def load_notice(*, today: dt.date) -> PublicNotice:
    found = (PublicNotice.objects.unscoped("is the demo's notice there")
             .filter(kind=NoticeKind.COMMITMENTS, status=NoticeStatus.PUBLISHED).first())
    if found is not None:
        return found
    office = User.objects.unscoped("the demo's office login").get(username="office")
    notice = notices.notice_create(actor=office, kind=NoticeKind.COMMITMENTS, year=today.year,
                                   title=f"{today.year}年各村党支部书记为民实事承诺公示",  # i18n: data
                                   foreword=FOREWORD,
                                   expires_on=today + dt.timedelta(days=30), today=today)
    return notices.notice_publish(actor=office, notice=notice, today=today)


def public_path() -> str | None:
    """The address of the demo's notice while it is shown (printed with the logins)."""
    notice = (PublicNotice.objects.unscoped("the demo's notice, for the start-up message")
              .filter(status=NoticeStatus.PUBLISHED).order_by("id").first())
    return f"/gs/{notice.slug}/" if notice is not None and notices.is_showing(notice) else None
