#include "pdf/font_embed.h"

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include <hb-subset.h>
#include <hb.h>

#include <cstdio>

#include "base/diag.h"
#include "base/utf8.h"
#include "pdf/hpdf_doc.h"

namespace gz {

namespace {

HPDF_MMgr mmgr(HpdfDoc& doc) { return doc.get()->mmgr; }

HPDF_Dict new_dict(HpdfDoc& doc) {
  HPDF_Dict d = HPDF_Dict_New(mmgr(doc));
  if (d) HPDF_Xref_Add(doc.get()->xref, d);
  return d;
}

HPDF_Dict new_stream(HpdfDoc& doc, std::string_view bytes) {
  HPDF_Dict d = HPDF_DictStream_New(mmgr(doc), doc.get()->xref);
  if (!d) return nullptr;
  d->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
  HPDF_Stream_Write(d->stream, reinterpret_cast<const HPDF_BYTE*>(bytes.data()),
                    static_cast<HPDF_UINT>(bytes.size()));
  return d;
}

HPDF_Array int_array(HpdfDoc& doc, std::initializer_list<int> values) {
  HPDF_Array a = HPDF_Array_New(mmgr(doc));
  for (int v : values) HPDF_Array_AddNumber(a, v);
  return a;
}

void hex4(uint32_t v, std::string& out) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(v >> shift) & 0xF];
}

// A ToUnicode CMap: glyph id (the 2-byte code of Identity-H) -> text.
std::string to_unicode_cmap(const std::vector<std::string>& map) {
  std::string s =
      "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
      "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
  std::vector<uint32_t> gids;
  for (uint32_t g = 0; g < map.size(); ++g) {
    if (!map[g].empty()) gids.push_back(g);
  }
  for (size_t i = 0; i < gids.size(); i += 100) {  // at most 100 entries a block
    const size_t n = std::min<size_t>(100, gids.size() - i);
    s += std::to_string(n) + " beginbfchar\n";
    for (size_t k = i; k < i + n; ++k) {
      s += '<';
      hex4(gids[k], s);
      s += "> <";
      utf16_hex(map[gids[k]], s);
      s += ">\n";
    }
    s += "endbfchar\n";
  }
  s += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
  return s;
}

// Six capital letters naming the subset (ISO 32000 9.6.4), from its glyphs:
// the same glyphs give the same tag.
std::string subset_tag(const std::string& name, const std::vector<uint8_t>& used) {
  uint64_t h = 1469598103934665603ull;  // FNV-1a
  auto mix = [&](uint64_t v) {
    h ^= v;
    h *= 1099511628211ull;
  };
  for (char c : name) mix(static_cast<unsigned char>(c));
  for (uint32_t g = 0; g < used.size(); ++g) {
    if (used[g]) mix(g);
  }
  std::string tag;
  for (int i = 0; i < 6; ++i) {
    tag += static_cast<char>('A' + h % 26);
    h /= 26;
  }
  return tag;
}

// Tables a PDF font program does not need: shaping is done, and every table
// kept would pull in the glyphs it reaches.
constexpr const char* kDropTables[] = {
    "GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "kern", "morx", "mort", "kerx", "feat",
    "trak", "COLR", "CPAL", "SVG ", "sbix", "CBDT", "CBLC", "EBDT", "EBLC", "EBSC", "vhea",
    "vmtx", "VORG", "STAT", "DSIG", "hdmx", "LTSH", "VDMX", "PCLT", "meta", "gasp"};

}  // namespace

void utf16_hex(std::string_view utf8, std::string& out) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  auto unit = [&](unsigned u) {
    for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(u >> shift) & 0xF];
  };
  for (size_t i = 0; i < utf8.size();) {
    char32_t c;
    i += utf8_decode(utf8.substr(i), &c);
    if (c < 0x10000) {
      unit(c);
    } else {
      c -= 0x10000;
      unit(0xD800 + (c >> 10));
      unit(0xDC00 + (c & 0x3FF));
    }
  }
}

EmbeddedFont::EmbeddedFont(HpdfDoc& doc, const Face& face)
    : doc_(doc),
      face_(face),
      used_(face.glyph_count(), 0),
      to_unicode_(face.glyph_count()),
      widths_(face.glyph_count(), kUnknown) {
  type0_ = new_dict(doc);
  HPDF_Dict_AddName(type0_, "Type", "Font");
  HPDF_Dict_AddName(type0_, "Subtype", "Type0");
  HPDF_Dict_AddName(type0_, "Encoding", "Identity-H");
  doc.check("cannot create a font", face.path());
}

void append_reversed(std::string_view utf8, std::string& out) {
  size_t end = utf8.size();
  while (end > 0) {
    size_t begin = end - 1;
    while (begin > 0 && (static_cast<unsigned char>(utf8[begin]) & 0xC0) == 0x80) --begin;
    out.append(utf8.substr(begin, end - begin));
    end = begin;
  }
}

namespace {

// The code points of utf8, last first.
std::string reversed(std::string_view utf8) {
  std::string out;
  append_reversed(utf8, out);
  return out;
}

}  // namespace

bool EmbeddedFont::use_cluster(std::span<const uint32_t> gids, std::string_view text, bool rtl,
                               bool weak) {
  const std::string want = rtl ? reversed(text) : std::string(text);
  std::vector<std::string> proposed(gids.size());
  if (gids.size() == 1) {
    proposed[0] = want;
  } else {
    // Each glyph that is a character's own glyph takes it; what is left
    // (in logical order) goes to the first glyph that took nothing.
    std::vector<char32_t> cps;
    for (size_t i = 0; i < text.size();) {
      char32_t c;
      i += utf8_decode(text.substr(i), &c);
      cps.push_back(c);
    }
    std::vector<bool> taken(cps.size());
    for (size_t k = 0; k < gids.size(); ++k) {
      for (size_t c = 0; c < cps.size(); ++c) {
        if (!taken[c] && face_.glyph(cps[c]) == gids[k]) {
          taken[c] = true;
          utf8_append(proposed[k], cps[c]);
          break;
        }
      }
    }
    std::string rest;
    for (size_t c = 0; c < cps.size(); ++c) {
      if (!taken[c]) utf8_append(rest, cps[c]);
    }
    for (size_t k = 0; k < gids.size() && !rest.empty(); ++k) {
      if (proposed[k].empty()) proposed[k] = std::move(rest), rest.clear();
    }
    if (!rest.empty()) proposed[0] += rest;
  }
  std::string read;  // what a reader gets from the mappings, in drawing order
  for (size_t k = 0; k < gids.size(); ++k) {
    const uint32_t gid = gids[k];
    if (gid >= used_.size()) return false;
    if (to_unicode_[gid].empty() || (used_[gid] == kWeak && !weak)) {
      to_unicode_[gid] = proposed[k];
      used_[gid] = weak ? kWeak : kUsed;
    } else if (!weak) {
      used_[gid] = kUsed;
    }
    read += to_unicode_[gid];
  }
  return read == want && !weak;
}

void EmbeddedFont::finish() {
  used_[0] = 1;  // .notdef, which every font program must keep
  hb_subset_input_t* input = hb_subset_input_create_or_fail();
  if (!input) fail_runtime(face_.path(), "cannot subset the font: out of memory");
  hb_set_t* glyphs = hb_subset_input_glyph_set(input);
  for (uint32_t g = 0; g < used_.size(); ++g) {
    if (used_[g]) hb_set_add(glyphs, g);
  }
  hb_set_t* drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
  for (const char* t : kDropTables) hb_set_add(drop, hb_tag_from_string(t, 4));
  hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_RETAIN_GIDS | HB_SUBSET_FLAGS_NO_HINTING);
  hb_face_t* subset = hb_subset_or_fail(face_.face(), input);
  hb_subset_input_destroy(input);
  if (!subset) fail_runtime(face_.path(), "HarfBuzz cannot subset this font (damaged tables?)");
  hb_blob_t* blob = hb_face_reference_blob(subset);
  unsigned len = 0;
  const char* data = hb_blob_get_data(blob, &len);
  const std::string program(data ? data : "", data ? len : 0u);
  hb_blob_destroy(blob);
  hb_face_destroy(subset);
  if (program.empty()) fail_runtime(face_.path(), "HarfBuzz cannot subset this font");

  const bool cff = face_.cff();
  const std::string name =
      subset_tag(face_.postscript_name(), used_) + "+" + face_.postscript_name();
  HpdfDoc& doc = doc_;

  HPDF_Dict file = new_stream(doc, program);
  if (cff) {
    HPDF_Dict_AddName(file, "Subtype", "OpenType");
  } else {
    HPDF_Dict_AddNumber(file, "Length1", static_cast<HPDF_INT32>(program.size()));
  }

  HPDF_Dict descriptor = new_dict(doc);
  HPDF_Dict_AddName(descriptor, "Type", "FontDescriptor");
  HPDF_Dict_AddName(descriptor, "FontName", name.c_str());
  const int italic = face_.italic_angle();
  HPDF_Dict_AddNumber(descriptor, "Flags", 4 | (italic != 0 ? 64 : 0));  // symbolic (italic)
  int bbox[4];
  face_.bbox(bbox);
  HPDF_Dict_Add(descriptor, "FontBBox", int_array(doc, {bbox[0], bbox[1], bbox[2], bbox[3]}));
  HPDF_Dict_AddNumber(descriptor, "ItalicAngle", italic);
  HPDF_Dict_AddNumber(descriptor, "Ascent", face_.ascender());
  HPDF_Dict_AddNumber(descriptor, "Descent", face_.descender());
  HPDF_Dict_AddNumber(descriptor, "CapHeight", face_.cap_height());
  HPDF_Dict_AddNumber(descriptor, "StemV", 80);
  HPDF_Dict_Add(descriptor, cff ? "FontFile3" : "FontFile2", file);

  HPDF_Dict cid = new_dict(doc);
  HPDF_Dict_AddName(cid, "Type", "Font");
  HPDF_Dict_AddName(cid, "Subtype", cff ? "CIDFontType0" : "CIDFontType2");
  HPDF_Dict_AddName(cid, "BaseFont", name.c_str());
  HPDF_Dict info = HPDF_Dict_New(mmgr(doc));
  HPDF_Dict_Add(info, "Registry", HPDF_String_New(mmgr(doc), "Adobe", nullptr));
  HPDF_Dict_Add(info, "Ordering", HPDF_String_New(mmgr(doc), "Identity", nullptr));
  HPDF_Dict_AddNumber(info, "Supplement", 0);
  HPDF_Dict_Add(cid, "CIDSystemInfo", info);
  HPDF_Dict_Add(cid, "FontDescriptor", descriptor);
  if (!cff) HPDF_Dict_AddName(cid, "CIDToGIDMap", "Identity");
  // /W: [first [w w ...] first [w ...] ...] over runs of consecutive glyphs.
  HPDF_Array widths = HPDF_Array_New(mmgr(doc));
  for (uint32_t g = 0; g < used_.size();) {
    if (!used_[g]) {
      ++g;
      continue;
    }
    HPDF_Array_AddNumber(widths, static_cast<HPDF_INT32>(g));
    HPDF_Array run = HPDF_Array_New(mmgr(doc));
    for (; g < used_.size() && used_[g]; ++g) {
      HPDF_Array_AddNumber(run, width(g));
    }
    HPDF_Array_Add(widths, run);
  }
  HPDF_Dict_Add(cid, "W", widths);

  HPDF_Array descendants = HPDF_Array_New(mmgr(doc));
  HPDF_Array_Add(descendants, cid);
  HPDF_Dict_AddName(type0_, "BaseFont", name.c_str());
  HPDF_Dict_Add(type0_, "DescendantFonts", descendants);
  // Every glyph shown maps to text (PDF/A-2a): a glyph that took none of
  // its cluster's text (the second glyph of a conjunct or a split vowel;
  // its word has /ActualText) maps to WORD JOINER, invisible and not a
  // word break, for readers that ignore /ActualText.
  for (uint32_t g = 1; g < used_.size(); ++g) {
    if (used_[g] && to_unicode_[g].empty()) to_unicode_[g] = "\u2060";
  }
  HPDF_Dict_Add(type0_, "ToUnicode", new_stream(doc, to_unicode_cmap(to_unicode_)));
  doc.check("cannot embed the font", face_.path());
}

}  // namespace gz
