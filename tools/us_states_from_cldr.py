#!/usr/bin/env python3
"""Writes src/geo/data/us_states.tsv: the names of the U.S. states in the
languages below, from CLDR's subdivision names (common/subdivisions/*.xml,
Debian's unicode-cldr-core). Usage: tools/us_states_from_cldr.py [CLDR_DIR].

Left out, as in English (src/geo/aliases.cc): Washington and New York, which
news names as the seats of the U.S. government and of the UN, and the
District of Columbia; Georgia, the country's name in many languages and a
given name in others (Russian "Джорджа Мелони", Giorgia Meloni, would be
Джорджия); and names of three letters or fewer ("Мэн", "Юта"), which are
too often other words."""
import html
import re
import sys

LANGS = ("ar be de el es fa fi fr id it ja ko ms nl pl pt ru sv ta th tr uk "
         "ur uz zh").split()
STATES = ("al ak az ar ca co ct de fl hi id il in ia ks ky la me md ma mi "
          "mn ms mo mt ne nv nh nj nm nc nd oh ok or pa ri sc sd tn tx ut vt "
          "va wv wi wy").split()
# Words CLDR writes around a name that the news leaves out: "Штат Мэн".
PREFIXES = ("Штат ",)

cldr = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/unicode/cldr"
version = "?"
try:
    with open(f"{cldr}/common/dtd/ldml.dtd", encoding="utf-8") as f:
        m = re.search(r'cldrVersion CDATA #FIXED "([0-9.]+)"', f.read())
        version = m.group(1) if m else "?"
except OSError:
    pass
print("# Names of the U.S. states (but Washington, New York and Georgia), from")
print(f"# CLDR {version}'s subdivision names (common/subdivisions/*.xml, Unicode")
print("# CLDR, https://cldr.unicode.org; Debian's unicode-cldr-core) by")
print("# tools/us_states_from_cldr.py. A state tags the United States (README,")
print("# \"Countries of a bulletin\"). English's are in src/geo/aliases.cc.")
print("# Columns as in un_names_en_fr_es.tsv.")
for lang in LANGS:
    with open(f"{cldr}/common/subdivisions/{lang}.xml", encoding="utf-8") as f:
        text = f.read()
    names = dict(re.findall(r'<subdivision type="us([a-z]{2})"[^>]*>([^<]+)<', text))
    for state in STATES:
        name = html.unescape(names.get(state, "")).replace("²", "").strip()
        for p in PREFIXES:
            if name.startswith(p):
                name = name[len(p):]
        if len(name) <= 3:
            continue
        print(f"US\t{lang}\t{name}\t{name}")
