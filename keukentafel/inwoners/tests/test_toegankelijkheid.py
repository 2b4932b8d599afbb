"""Structural accessibility of the inwoners and audit pages: labels, heading order, no inline script."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from keukentafel.accounts.models import Rol
from keukentafel.testing.factories import MedewerkerFactory, NetwerklidFactory

pytestmark = pytest.mark.django_db


class Pagina(HTMLParser):
    def __init__(self):
        super().__init__()
        self.koppen, self.labels, self.velden, self.ids, self.fouten = [], set(), [], [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self.koppen.append(int(tag[1]))
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "label" and a.get("for"):
            self.labels.add(a["for"])
        if tag in ("input", "select", "textarea") and a.get("type") not in ("hidden", "submit"):
            self.velden.append(a.get("id"))
        if tag == "script" and "src" not in a:
            self.fouten.append("inline script")
        self.fouten += [f"inline handler {k}" for k in a if k.startswith("on")]
        if "style" in a:
            self.fouten.append("inline style")


def controleer(response):
    assert response.status_code in (200, 400, 409), response.status_code
    p = Pagina()
    p.feed(response.content.decode())
    assert not p.fouten
    assert p.koppen and p.koppen[0] == 1 and p.koppen.count(1) == 1
    for vorige, kop in zip(p.koppen, p.koppen[1:], strict=False):
        assert kop <= vorige + 1, f"kop h{kop} na h{vorige}"
    assert all(v and v in p.labels for v in p.velden), [v for v in p.velden if v not in p.labels]
    assert len(p.ids) == len(set(p.ids)), "dubbele id"


def test_paginas_hebben_labels_kopvolgorde_en_geen_inline_script(client, generalist, huishouden):
    netwerklid = NetwerklidFactory(huishouden=huishouden, overbelast=True)
    persoon = huishouden.leden.first().persoon
    lid = huishouden.leden.first()
    client.force_login(generalist)
    for response in (
        client.get(reverse("inwoners:zoeken")),
        client.post(reverse("inwoners:zoeken"), {"geslachtsnaam": persoon.geslachtsnaam[:3]}),
        client.post(reverse("inwoners:zoeken"), {"bsn": "1"}),
        client.get(reverse("inwoners:persoon_nieuw")),
        client.get(reverse("inwoners:persoon_nieuw") + f"?huishouden={huishouden.pk}"),
        client.post(reverse("inwoners:persoon_nieuw"), {"bsn": "123"}),
        client.get(reverse("inwoners:persoon_detail", args=[persoon.pk])),
        client.get(reverse("inwoners:persoon_wijzigen", args=[persoon.pk])),
        client.get(reverse("inwoners:huishouden_detail", args=[huishouden.pk])),
        client.get(reverse("inwoners:lid_toevoegen", args=[huishouden.pk])),
        client.get(reverse("inwoners:lid_beeindigen", args=[huishouden.pk, lid.pk])),
        client.get(reverse("inwoners:netwerklid_nieuw", args=[huishouden.pk])),
        client.get(reverse("inwoners:netwerklid_wijzigen", args=[huishouden.pk, netwerklid.pk])),
    ):
        controleer(response)
    ander = MedewerkerFactory(rol=Rol.GENERALIST)
    client.force_login(ander)
    controleer(client.get(reverse("inwoners:noodtoegang", args=[huishouden.pk])))
    client.force_login(MedewerkerFactory(rol=Rol.FUNCTIONEEL_BEHEER, team=None))
    controleer(client.get(reverse("accounts:audit")))
    controleer(client.get(reverse("accounts:noodtoegang_rapport")))
