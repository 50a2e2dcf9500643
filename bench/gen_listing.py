#!/usr/bin/env python3
"""Deterministic generator of Gazette listings for benchmarks.

Writes one listing per language (en, es, fr, pt) into OUT_DIR, N bulletins in
all, spread over several years and many countries, with paragraphs as long
as the seed's (examples/rosanjose-2021-07.txt). The same N gives the same
bytes: the generator uses its own seeded PRNG, no clock.

usage: gen_listing.py N OUT_DIR
"""
import os
import random
import sys

MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"],
    "pt": ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
           "setembro", "outubro", "novembro", "dezembro"],
}

COUNTRIES = {
    "en": ["Panama", "Costa Rica", "Honduras", "Guatemala", "El Salvador", "Mexico",
           "Nicaragua", "Belize", "Guyana", "Haiti", "Jamaica", "Cuba", "Colombia",
           "Ecuador", "Peru", "Brazil", "Chile", "Argentina", "Canada", "Dominican Republic"],
    "es": ["Panamá", "Costa Rica", "Honduras", "Guatemala", "El Salvador", "México",
           "Nicaragua", "Belice", "Guyana", "Haití", "Jamaica", "Cuba", "Colombia",
           "Ecuador", "Perú", "Brasil", "Chile", "Argentina", "Canadá", "República Dominicana"],
    "fr": ["Panama", "Costa Rica", "Honduras", "Guatemala", "Salvador", "Mexique",
           "Nicaragua", "Belize", "Guyana", "Haïti", "Jamaïque", "Cuba", "Colombie",
           "Équateur", "Pérou", "Brésil", "Chili", "Argentine", "Canada", "République dominicaine"],
    "pt": ["Panamá", "Costa Rica", "Honduras", "Guatemala", "El Salvador", "México",
           "Nicarágua", "Belize", "Guiana", "Haiti", "Jamaica", "Cuba", "Colômbia",
           "Equador", "Peru", "Brasil", "Chile", "Argentina", "Canadá", "República Dominicana"],
}

WORDS = {
    "en": ("the migrants of IOM organization government authorities workshop training "
           "protection border management health assistance regional network support "
           "communities project information officials cooperation strategy response "
           "vulnerable populations international partners local institutions").split(),
    "es": ("los migrantes de la OIM organización autoridades gubernamentales taller "
           "capacitación protección gestión fronteriza salud asistencia red regional apoyo "
           "comunidades proyecto información funcionarios cooperación estrategia respuesta "
           "poblaciones vulnerables socios internacionales instituciones locales").split(),
    "fr": ("les migrants de l'OIM organisation autorités gouvernementales atelier formation "
           "protection gestion des frontières santé assistance réseau régional soutien "
           "communautés projet information fonctionnaires coopération stratégie réponse "
           "populations vulnérables partenaires internationaux institutions locales").split(),
    "pt": ("os migrantes da OIM organização autoridades governamentais oficina capacitação "
           "proteção gestão de fronteiras saúde assistência rede regional apoio comunidades "
           "projeto informação funcionários cooperação estratégia resposta populações "
           "vulneráveis parceiros internacionais instituições locais").split(),
}

TITLE_PATTERN = {
    "en": "IOM {w1} {w2} in {c}",
    "es": "La OIM {w1} {w2} en {c}",
    "fr": "L'OIM {w1} {w2} au {c}",
    "pt": "A OIM {w1} {w2} em {c}",
}


def date_line(lang, y, m, d):
    month = MONTHS[lang][m - 1]
    if lang == "en":
        return f"{d} {month}, {y}"
    if lang in ("es", "pt"):
        return f"{d} de {month} de {y}"
    return f"{d} {month} {y}"


def main():
    n = int(sys.argv[1])
    out = sys.argv[2]
    os.makedirs(out, exist_ok=True)
    rng = random.Random(20210701)
    langs = ["en", "es", "fr", "pt"]
    per_lang = {lang: [] for lang in langs}
    for i in range(n):
        lang = langs[i % len(langs)]
        y = 2018 + rng.randrange(6)
        m = 1 + rng.randrange(12)
        d = 1 + rng.randrange(28)
        words = WORDS[lang]
        countries = COUNTRIES[lang]
        c = countries[rng.randrange(len(countries))]
        title = TITLE_PATTERN[lang].format(w1=rng.choice(words), w2=rng.choice(words), c=c)
        paragraphs = []
        for _ in range(1 + (rng.randrange(5) == 0)):
            body = [rng.choice(words) for _ in range(30 + rng.randrange(50))]
            if rng.randrange(3) == 0:
                body.insert(rng.randrange(len(body)), rng.choice(countries))
            paragraphs.append(" ".join(body).capitalize() + ".")
        per_lang[lang].append((y, m, d, title, paragraphs))
    for lang in langs:
        items = sorted(per_lang[lang], key=lambda b: (b[0], b[1], b[2]), reverse=True)
        with open(os.path.join(out, f"listing-{lang}.txt"), "w", encoding="utf-8") as f:
            for y, m, d, title, paragraphs in items:
                f.write(date_line(lang, y, m, d) + "\n\n" + title + "\n\n")
                for p in paragraphs:
                    f.write(p + "\n\n")


if __name__ == "__main__":
    main()
