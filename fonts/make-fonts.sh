#!/usr/bin/env bash
# Regenerates the bundled script fonts in fonts/ from Debian's font packages.
# Only needed to refresh them: the build and the tests use the committed
# files. Needs root (or sudo) the first time, to install the packages.
#
# libharu 2.3.0 only embeds TrueType (glyf) fonts, and mishandles glyph ids
# above 32,767 (see shared docs/FINDINGS.md), so the large CJK fonts are cut
# with fontTools' pyftsubset into subsets of fewer than 32,768 glyphs each.
# Dropping the OpenType layout tables (GSUB alternates, vertical forms) keeps
# only glyphs reachable from the cmap: Gazette draws code points, not
# features.
set -euo pipefail
cd "$(dirname "$0")"

packages=(fonts-noto-core fonts-droid-fallback fonts-nanum fonttools)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

noto=/usr/share/fonts/truetype/noto
for f in NotoSans-Regular NotoSans-Bold NotoSans-Italic \
  NotoSansArabic-Regular NotoSansArabic-Bold \
  NotoSansHebrew-Regular NotoSansHebrew-Bold \
  NotoSansThai-Regular NotoSansThai-Bold \
  NotoSansArmenian-Regular NotoSansArmenian-Bold \
  NotoSansGeorgian-Regular NotoSansGeorgian-Bold \
  NotoSansMath-Regular; do
  cp "$noto/$f.ttf" .
done

# libharu 2.3.0 loses the components of many composite glyphs when it
# embeds a font: Noto Sans Arabic's final noon, teh marbuta and yeh came out
# as bare dots. Composite glyphs of the script fonts are flattened into
# simple outlines (advances unchanged; the fonts are modified, which the OFL
# allows, and Noto has no Reserved Font Name).
flatten() {
  /usr/bin/python3 - "$@" <<'PY'
import sys
from fontTools.ttLib import TTFont
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
for path in sys.argv[1:]:
    font = TTFont(path, recalcTimestamp=False)  # same input, same bytes
    glyf, glyphs = font["glyf"], font.getGlyphSet()
    for name in font.getGlyphOrder():
        if glyf[name].isComposite():
            recording = DecomposingRecordingPen(glyphs)
            glyphs[name].draw(recording)
            pen = TTGlyphPen(None)
            recording.replay(pen)
            glyf[name] = pen.glyph()
    font.save(path)
PY
}
flatten NotoSansArabic-*.ttf NotoSansHebrew-*.ttf NotoSansThai-*.ttf NotoSansArmenian-*.ttf \
  NotoSansGeorgian-*.ttf NotoSansMath-*.ttf

# Debian's python3, where its fonttools package lives (not a pyenv shim's).
subset() {  # subset OUT IN UNICODES
  /usr/bin/python3 -m fontTools.subset "$2" --output-file="$1" --unicodes="$3" \
    --layout-features='' --no-layout-closure --name-IDs='*' --name-languages='*' \
    --notdef-outline --recalc-bounds
  local glyphs
  glyphs=$(/usr/bin/python3 -c "from fontTools.ttLib import TTFont; print(TTFont('$1')['maxp'].numGlyphs)")
  echo "$1: $glyphs glyphs, $(stat -c %s "$1") bytes" >&2
  if [ "$glyphs" -ge 32768 ]; then
    echo "$1: $glyphs glyphs is too many for libharu 2.3.0" >&2
    exit 1
  fi
}

# Sets a font's names (family, full and PostScript name): libharu tells
# fonts apart by PostScript name only, so each part of a split font needs
# its own, and a modified OFL font may not keep a Reserved Font Name.
rename() {  # rename FILE FAMILY
  /usr/bin/python3 - "$1" "$2" <<'PY'
import sys
from fontTools.ttLib import TTFont
path, family = sys.argv[1], sys.argv[2]
font = TTFont(path, recalcTimestamp=False)
ps = family.replace(" ", "") + "-Regular"
names = {1: family, 2: "Regular", 3: family + " Regular", 4: family + " Regular", 6: ps,
         16: family, 17: "Regular"}
table = font["name"]
table.names = [r for r in table.names if r.nameID not in names]
for nid, text in names.items():
    table.setName(text, nid, 3, 1, 0x409)
    table.setName(text, nid, 1, 0, 0)
font.save(path)
PY
}

droid=/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf
# Droid's composite glyphs pull in unmapped component glyphs, so the unified
# ideographs alone need more than 32,767: three parts, cut by code point.
# Part1: CJK punctuation, kana, Bopomofo, compatibility ideographs, full- and
# half-width forms, ideographs U+4E00-U+6FFF. Part2: ideographs U+7000-U+9FFF.
# Part3: the rarer Extension A and whatever else Droid has.
subset DroidSansFallback-Part1.ttf "$droid" "3000-33FF,4E00-6FFF,F900-FAFF,FE30-FE4F,FF00-FFEF"
rename DroidSansFallback-Part1.ttf "Droid Sans Fallback Part1"
subset DroidSansFallback-Part2.ttf "$droid" "7000-9FFF"
rename DroidSansFallback-Part2.ttf "Droid Sans Fallback Part2"
subset DroidSansFallback-Part3.ttf "$droid" "0000-2FFF,3400-4DBF,A000-ABFF,FB00-FE2F,FE50-FEFF,FFF0-FFFF,10000-10FFFF"
rename DroidSansFallback-Part3.ttf "Droid Sans Fallback Part3"

# Hangul from Nanum Gothic (Droid has no Hangul syllables): syllables, jamo
# and compatibility jamo, regular only (bold Hangul falls back to it, which
# keeps the repository small). "Nanum" and "NanumGothic" are Reserved Font
# Names under the OFL, which a modified font must not use: the subset is
# renamed "Gazette Hangul".
hangul="1100-11FF,3130-318F,A960-A97F,AC00-D7FF"
subset GazetteHangul-Regular.ttf /usr/share/fonts/truetype/nanum/NanumGothic.ttf "$hangul"
rename GazetteHangul-Regular.ttf "Gazette Hangul"
