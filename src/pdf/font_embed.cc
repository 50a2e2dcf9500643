#include "pdf/font_embed.h"

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include <hb-subset.h>
#include <hb.h>

#include <atomic>
#include <cstdio>
#include <memory>

#include "base/diag.h"
#include "base/utf8.h"
#include "pdf/deflate.h"
#include "pdf/hpdf_doc.h"

namespace gz {

namespace {

HPDF_MMgr mmgr(HpdfDoc& doc) { return doc.get()->mmgr; }

HPDF_Dict new_dict(HpdfDoc& doc) {
  HPDF_Dict d = HPDF_Dict_New(mmgr(doc));
  if (d) HPDF_Xref_Add(doc.get()->xref, d);
  return d;
}

// A stream object of bytes, deflated now with libdeflate at pages' level.
// zlib, which libharu would use as it saves, took 8 % of a 120-PDF batch's
// instructions for the fonts' programs and ToUnicode maps; libdeflate's
// level 6 would make that batch's PDFs 0.6 % smaller for 4 % more
// instructions.
HPDF_Dict new_stream(HpdfDoc& doc, std::string_view bytes) {
  thread_local Deflater deflater;
  return deflated_stream(doc, deflater.zlib(bytes));
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

// The face a subset is cut from. A face subset many times in one run (a
// batch of digests) is subset from HarfBuzz's preprocessed copy of it
// (hb_subset_preprocess: the tables' accelerators made once), which gives
// the same bytes, faster: measured on Noto Sans (HarfBuzz 6.0, callgrind),
// a subset of a digest's glyphs costs 2.5 M instructions from the face and
// 0.4 M from the copy, and the copy 54 M to make, so it is made once the
// face has been subset kPreprocessAfter times (ski rental: then at most
// twice what the better choice would have cost). Only faces of TrueType
// outlines: preprocessing Noto Sans CJK (CFF) takes 0.9 s, some 56
// subsets, and saves 6 of their 16 ms. The count and the copy are kept
// with the face as its user data, so they live as long as the face and
// every thread subsetting it shares them.
constexpr int kPreprocessAfter = 24;

struct Preprocessed {
  std::atomic<int> subsets{0};
  std::atomic<bool> claimed{false};  // a thread is making the copy, or has
  std::atomic<hb_face_t*> copy{nullptr};
  ~Preprocessed() {
    if (hb_face_t* c = copy.load()) hb_face_destroy(c);
  }
};

hb_face_t* subset_source(const Face& font) {
  hb_face_t* face = font.face();
  if (font.cff()) return face;
  static hb_user_data_key_t key;
  auto* p = static_cast<Preprocessed*>(hb_face_get_user_data(face, &key));
  if (!p) {
    auto made = std::make_unique<Preprocessed>();
    auto destroy = [](void* q) { delete static_cast<Preprocessed*>(q); };
    if (hb_face_set_user_data(face, &key, made.get(), destroy, false)) made.release();
    p = static_cast<Preprocessed*>(hb_face_get_user_data(face, &key));  // ours or another thread's
    if (!p) return face;  // HarfBuzz out of memory: subset as it is
  }
  if (hb_face_t* ready = p->copy.load(std::memory_order_acquire)) return ready;
  // One thread makes the copy; the others go on subsetting the face
  // meanwhile rather than wait for it (some 15 ms for Noto Sans).
  if (p->subsets.fetch_add(1) < kPreprocessAfter || p->claimed.exchange(true)) return face;
  // When it cannot, HarfBuzz returns the face itself, with no reference of
  // its own.
  hb_face_t* copy = hb_subset_preprocess(face);
  if (copy == face) return face;
  if (hb_face_get_glyph_count(copy) == 0) {
    hb_face_destroy(copy);
    return face;
  }
  p->copy.store(copy, std::memory_order_release);
  return copy;
}

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

std::string subset_program(const Face& face, const std::vector<uint8_t>& glyphs, SubsetFrom from) {
  hb_subset_input_t* input = hb_subset_input_create_or_fail();
  if (!input) fail_runtime(face.path(), "cannot subset the font: out of memory");
  hb_set_t* keep = hb_subset_input_glyph_set(input);
  for (uint32_t g = 0; g < glyphs.size(); ++g) {
    if (glyphs[g]) hb_set_add(keep, g);
  }
  hb_set_t* drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
  for (const char* t : kDropTables) hb_set_add(drop, hb_tag_from_string(t, 4));
  hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_RETAIN_GIDS | HB_SUBSET_FLAGS_NO_HINTING);
  hb_face_t* source = face.face();
  if (from == SubsetFrom::kPreprocessed) {
    source = hb_subset_preprocess(face.face());  // the face itself when it cannot
    if (source == face.face()) {
      hb_subset_input_destroy(input);
      fail_runtime(face.path(), "HarfBuzz cannot preprocess this font for subsetting");
    }
  } else if (from == SubsetFrom::kBest) {
    source = subset_source(face);
  }
  hb_face_t* subset = hb_subset_or_fail(source, input);
  if (from == SubsetFrom::kPreprocessed && source != face.face()) hb_face_destroy(source);
  hb_subset_input_destroy(input);
  if (!subset) fail_runtime(face.path(), "HarfBuzz cannot subset this font (damaged tables?)");
  hb_blob_t* blob = hb_face_reference_blob(subset);
  unsigned len = 0;
  const char* data = hb_blob_get_data(blob, &len);
  std::string program(data ? data : "", data ? len : 0u);
  hb_blob_destroy(blob);
  hb_face_destroy(subset);
  if (program.empty()) fail_runtime(face.path(), "HarfBuzz cannot subset this font");
  return program;
}

void EmbeddedFont::finish() {
  used_[0] = 1;  // .notdef, which every font program must keep
  const std::string program = subset_program(face_, used_, SubsetFrom::kBest);

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
