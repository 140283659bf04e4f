#!/usr/bin/env python3
"""Writes the articles of the browser tests as JSON Lines (to stdout): sentences written for
depeche's tests (no text from elsewhere) that the event coder codes in all four quad classes,
with times, a quotation and places, spread over a year so that the timeline has many bins.
Deterministic: the same file every run."""

import json

EVENTS = [
    "L'armée russe a bombardé la ville d'Alep lundi.",
    "La police a arrêté trois manifestants à Lyon.",
    "Le président Vladimir Poutine a rencontré le président iranien Hassan Rohani à Téhéran.",
    "« Nous condamnons ces frappes », a déclaré mardi le ministre français des Affaires "
    "étrangères, Laurent Fabius.",
    "Le secrétaire d'État américain John Kerry s'est rendu en Égypte.",
    "Angela Merkel a appelé la Turquie à accueillir les réfugiés.",
    "Le gouvernement allemand a accordé une aide de 10 millions d'euros au Liban.",
    "Des rebelles ont attaqué un convoi de l'armée nigériane près de Maiduguri.",
    "Le Premier ministre britannique David Cameron a critiqué le gouvernement grec.",
]

FILLER = [
    "La météo devrait rester clémente pour la saison selon les prévisionnistes.",
    "Les marchés financiers ont terminé la séance en légère hausse.",
    "Le festival de musique a attiré de nombreux visiteurs cette année.",
    "Les travaux de rénovation de la gare se poursuivront jusqu'au printemps.",
    "Une exposition consacrée à la peinture flamande ouvre ses portes au musée.",
]


def article(k):
    lines = [
        f"Le conseil de la commune numéro {k} a examiné {k * 7 + 3} dossiers lors de sa séance."
        + " " + FILLER[k % len(FILLER)]
    ]
    for e in (k % len(EVENTS), (k * 4 + 1) % len(EVENTS)):
        lines.append(EVENTS[e])
    month = 1 + (k * 5) % 12
    day = 1 + (k * 11) % 27
    return {
        "id": f"e2e-{k:03d}",
        "title": f"Dépêche d'essai numéro {k}",
        "text": "\n".join(lines),
        "published": f"2016-{month:02d}-{day:02d}T{8 + k % 10:02d}:00:00+01:00",
        "url": f"https://www.example.fr/essai/{k}",
        "source": "Exemple",
    }


for k in range(36):
    print(json.dumps(article(k), ensure_ascii=False))
