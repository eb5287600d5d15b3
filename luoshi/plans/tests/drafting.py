"""What the draft tests share: propose a draft from text, find an item, save it, open its review page."""

import re

from django.test import Client

from luoshi.org import services as org_services
from luoshi.plans import drafts, drafts_store


def person(world, unit, name, title=""):
    """A person of the township as the office keeps them: a name and a post (职务)."""
    return org_services.person_create(actor=world.admin, unit=world.unit(unit), name=name, title=title)


def created(model):
    return model.objects.unscoped("test counts what the import created")


def propose(world, text, role="office", unit="township"):
    actor = world.user(role)
    return actor, drafts.draft_propose(actor=actor, unit=world.unit(unit), text=text, source_name="t.txt")


def item_of(draft, words):
    return next(i for i in draft["items"] if words in i["title"])


def save(actor, draft):
    return drafts.plan_from_draft(actor=actor, unit=draft["unit"], year=draft["year"], title=draft["title"],
                                  source_name=draft["source_name"], source_text=draft["text"],
                                  lines=drafts.draft_lines_for_save(draft))


def review(world, text):
    """The office uploads `text`: its client, the draft's key and the draft as stored."""
    client = Client()
    client.force_login(world.user("office"))
    response = client.post("/plans/import/", {"text": text, "unit": world.unit("township").pk})
    assert response.status_code == 302, response.content.decode()[:2000]
    key = re.search(r"/plans/import/([0-9a-f-]+)/", response.url).group(1)
    return client, key, drafts_store.draft_fetch(actor=world.user("office"), key=key)


def picker(page, name):
    """The options of the <select name=…> on a review page."""
    return re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', page, re.S).group(1)
