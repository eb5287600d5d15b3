"""The party app's writes beyond the engine's generic ones (the registers' create, edit, import and
delete are `ledgers.py`'s; a path's steps are `flow.path_step`): the 先进集体 proposed from a published
assessment ranking, and the 表彰决定's file attached to an honour."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from luoshi.core.errors import NotAllowed, ServiceError
from luoshi.party.ledgers import HONOURS
from luoshi.party.models import Honour, HonourKind, HonourStatus
from luoshi.progress.services import attachment_add  # party sits above progress, whose attachments hold files
from luoshi.progress.uploads import prepare_upload


@transaction.atomic
def honour_propose(*, actor, run_id: int, unit_ids: list[int], title: str) -> list[Honour]:
    """Propose (拟表彰) the chosen units of a published ranking as the year's 先进集体 under `title`;
    a unit already holding a 先进集体 of that year is left as it is. Each row is written by the
    register's own create (role, scope, audit), then marked with the ranking it came from."""
    # party sits above assessment: a published ranking is what the proposal rests on
    from luoshi.assessment.models import Ranking, RunStatus

    title = (title or "").strip()[:100]
    if not title:
        raise ServiceError(_("请填写荣誉称号"), field="title")
    rankings = list(Ranking.objects.visible_to(actor).filter(run_id=run_id, run__status=RunStatus.FROZEN,
                                                           unit_id__in=unit_ids).select_related("run__scheme", "unit"))
    if not rankings:
        raise ServiceError(_("请从已发布的考核排名中选择单位"))
    year = rankings[0].run.scheme.year
    held = set(Honour.objects.visible_to(actor).filter(year=year, kind=HonourKind.COLLECTIVE)
               .values_list("unit_id", flat=True))
    made = []
    for ranking in rankings:
        if ranking.unit_id in held:
            continue
        honour = HONOURS.create(actor=actor, year=year, kind=HonourKind.COLLECTIVE, title=title, unit=ranking.unit,
                                status=HonourStatus.PROPOSED,
                                deeds=_("%(s)s第 %(r)s 名，总分 %(t)s") % {
                                    "s": ranking.run.scheme.title, "r": ranking.rank, "t": ranking.total})
        source = _("%(s)s 第%(n)s批（%(d)s）") % {"s": ranking.run.scheme.title, "n": ranking.run.number,
                                               "d": ranking.run.as_of.isoformat()}
        Honour.objects.unscoped("marking the row just written by its source").filter(pk=honour.pk).update(
            proposed_from=source[:200], proposed_rank=ranking.rank)
        made.append(honour)
    return made


@transaction.atomic
def honour_attach(*, actor, honour: Honour, files) -> list:
    """Attach the 表彰决定's files (the signed PDF, a scan, the Word original) to `honour`: whoever may
    change the honour; each file checked by its bytes and stored the one way files are (progress's
    attachments, audited with the honour as parent). Every honour of the same 文号 shows them."""
    if not Honour.objects.editable_by(actor).filter(pk=honour.pk).exists():
        raise NotAllowed()
    if not files:
        raise ServiceError(_("请选择表彰决定文件"), field="files")
    prepared = [prepare_upload(f) for f in files]
    return [attachment_add(actor=actor, owner=honour, upload=upload, scope_path=honour.scope_path)
            for upload in prepared]
