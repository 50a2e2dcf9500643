#include "layout/font_metrics.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>

#include <unicode/uchar.h>
#include <unicode/uset.h>

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_ADVANCES_H
#include FT_TRUETYPE_TABLES_H
#include FT_TRUETYPE_TAGS_H

#include "base/diag.h"
#include "base/utf8.h"

namespace gz {

int64_t Advances::units(std::string_view s) const {
  int64_t sum = 0;
  const char* p = s.data();
  const char* end = p + s.size();
  while (p < end) {
    auto b = static_cast<unsigned char>(*p);
    if (b < 0x80) {  // most text is ASCII: skip the decoder
      sum += bmp_[b];
      ++p;
      continue;
    }
    char32_t c;
    p += utf8_decode(std::string_view(p, end - p), &c);
    sum += drawn_advance(c);
  }
  return sum;
}

namespace {

struct FtLibrary {
  FT_Library lib = nullptr;
  ~FtLibrary() {
    if (lib) FT_Done_FreeType(lib);
  }
};

struct FtFace {
  FT_Face face = nullptr;
  ~FtFace() {
    if (face) FT_Done_Face(face);
  }
};

// libharu's integer scaling (hpdf_fontdef_tt.c: advance * 1000 / units_per_em).
uint16_t to_pdf_units(FT_Fixed advance, unsigned units_per_em) {
  return static_cast<uint16_t>(static_cast<unsigned>(advance) * 1000u / units_per_em);
}

// Checks that every table the sfnt directory lists lies inside the file.
// FreeType quietly drops a table that runs past the end (a truncated
// download), which would otherwise be reported as missing, not as damage.
void check_table_directory(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  const auto size = static_cast<uint64_t>(in.tellg());
  in.seekg(0);
  auto be = [](const unsigned char* p, int n) {
    uint64_t v = 0;
    for (int i = 0; i < n; ++i) v = v << 8 | p[i];
    return v;
  };
  unsigned char head[12];
  if (!in.read(reinterpret_cast<char*>(head), sizeof head)) return;  // FreeType judged it
  if (std::memcmp(head, "ttcf", 4) == 0) return;  // a collection: no single directory
  const uint64_t tables = be(head + 4, 2);
  for (uint64_t i = 0; i < tables; ++i) {
    unsigned char entry[16];  // tag, checksum, offset, length
    if (!in.read(reinterpret_cast<char*>(entry), sizeof entry)) {
      fail_runtime(path, "damaged font: its table directory runs past the end of the file");
    }
    if (be(entry + 8, 4) + be(entry + 12, 4) > size) {
      fail_runtime(path, "damaged font: its '" + std::string(reinterpret_cast<char*>(entry), 4) +
                             "' table runs past the end of the file");
    }
  }
}

// Opens path with FreeType and checks what libharu needs; f owns the face.
// read_whole reads every required table, proving it lies inside the file:
// the writer's check before embedding. Measuring only needs them present,
// which spares reading megabytes of CJK outlines a digest may never draw.
void open_checked(const std::string& path, FtLibrary& ft, FtFace& f, bool read_whole) {
  // FreeType reports a missing file as a generic resource error: ask the OS
  // first, for a message that says why.
  if (!std::ifstream(path, std::ios::binary)) {
    fail_runtime(path, std::string("cannot open font file: ") + std::strerror(errno));
  }
  if (FT_Init_FreeType(&ft.lib)) fail_runtime(path, "cannot initialise FreeType");
  if (FT_New_Face(ft.lib, path.c_str(), 0, &f.face)) {
    fail_runtime(path, "not a font file FreeType can read");
  }
  FT_Face face = f.face;
  if (!FT_IS_SFNT(face) || face->units_per_EM == 0) {
    fail_runtime(path, "not a TrueType font");
  }
  check_table_directory(path);
  // The tables libharu 2.3.0 requires (hpdf_fontdef_tt.c, REQUIRED_TAGS).
  static const char* const kRequired[] = {"OS/2", "cmap", "cvt ", "fpgm", "glyf", "head", "hhea",
                                          "hmtx", "loca", "maxp", "name", "post", "prep"};
  std::vector<FT_Byte> buffer;
  for (const char* tag : kRequired) {
    FT_ULong t = FT_MAKE_TAG(tag[0], tag[1], tag[2], tag[3]);
    FT_ULong len = 0;
    if (FT_Load_Sfnt_Table(face, t, 0, nullptr, &len) != 0) {
      fail_runtime(path, std::string("not a TrueType font libharu can embed: no '") + tag +
                             "' table" +
                             (t == TTAG_glyf ? " (CFF/OpenType fonts are not supported)" : ""));
    }
    if (!read_whole) continue;
    buffer.resize(len);
    if (FT_Load_Sfnt_Table(face, t, 0, buffer.data(), &len) != 0) {
      fail_runtime(path, std::string("damaged font: cannot read its '") + tag + "' table");
    }
  }
  if (FT_Select_Charmap(face, FT_ENCODING_UNICODE)) {
    fail_runtime(path, "font has no Unicode character map");
  }
}

}  // namespace

void check_embeddable_font(const std::string& path) {
  FtLibrary ft;
  FtFace f;
  open_checked(path, ft, f, true);
}

FontMetrics load_font_metrics(const std::string& path) {
  FtLibrary ft;
  FtFace f;
  open_checked(path, ft, f, false);
  FT_Face face = f.face;
  const unsigned upem = face->units_per_EM;
  std::vector<FT_Fixed> adv(face->num_glyphs);
  if (FT_Get_Advances(face, 0, face->num_glyphs, FT_LOAD_NO_SCALE, adv.data())) {
    fail_runtime(path, "cannot read glyph advances");
  }

  FontMetrics m;
  m.missing_width_ = adv.empty() ? 0 : to_pdf_units(adv[0], upem);
  std::fill(m.bmp_width_.begin(), m.bmp_width_.end(), m.missing_width_);
  FT_UInt gid = 0;
  for (FT_ULong c = FT_Get_First_Char(face, &gid); gid != 0; c = FT_Get_Next_Char(face, c, &gid)) {
    uint16_t w = to_pdf_units(adv[gid], upem);
    if (c < 0x10000) {
      m.bmp_width_[c] = w;
      m.bmp_covered_[c >> 6] |= uint64_t{1} << (c & 63);
    } else {
      m.astral_width_.emplace(static_cast<char32_t>(c), w);
    }
  }
  m.ascender_ = static_cast<int>(int64_t{face->ascender} * 1000 / int64_t{upem});
  m.descender_ = static_cast<int>(int64_t{face->descender} * 1000 / int64_t{upem});
  return m;
}

FontSet FontSet::load(const std::vector<FamilyFiles>& families) {
  if (families.empty()) fail_runtime("gazette", "no fonts to lay out with");
  FontSet set;
  set.families = families;
  std::map<std::string, FaceId> by_path;
  auto face = [&](const std::string& path) -> FaceId {
    if (auto it = by_path.find(path); it != by_path.end()) return it->second;
    if (set.faces.size() >= FontChain::kIgnored) fail_runtime(path, "too many fonts in the chain");
    set.faces.push_back({path, load_font_metrics(path)});
    return by_path[path] = static_cast<FaceId>(set.faces.size() - 1);
  };
  // The first family's three styles come first, as FontId numbers them,
  // even when they are one file: runs of plain text use those ids.
  const FamilyFiles& first = families.front();
  const std::string* first_files[] = {&first.regular, &first.bold, &first.italic};
  for (const std::string* f : first_files) {
    const std::string& path = f->empty() ? first.regular : *f;
    if (auto it = by_path.find(path); it != by_path.end()) {
      set.faces.push_back(set.faces[it->second]);
    } else {
      set.faces.push_back({path, load_font_metrics(path)});
      by_path[path] = static_cast<FaceId>(set.faces.size() - 1);
    }
  }
  std::vector<std::array<FaceId, kFontCount>> family_faces;
  for (size_t i = 0; i < families.size(); ++i) {
    const FamilyFiles& fam = families[i];
    if (i == 0) {
      family_faces.push_back({kRegular, kBold, kItalic});
      continue;
    }
    FaceId regular = face(fam.regular);
    family_faces.push_back({regular, fam.bold.empty() ? regular : face(fam.bold),
                            fam.italic.empty() ? regular : face(fam.italic)});
  }
  set.build_chains(family_faces);
  return set;
}

namespace {

// Default-ignorable BMP code points, looked up in ICU once per process.
const std::vector<bool>& ignorable() {
  static const std::vector<bool> table = [] {
    std::vector<bool> t(0x10000);
    UErrorCode st = U_ZERO_ERROR;
    const USet* set = u_getBinaryPropertySet(UCHAR_DEFAULT_IGNORABLE_CODE_POINT, &st);
    for (int32_t i = 0; U_SUCCESS(st) && i < uset_getRangeCount(set); ++i) {
      UChar32 first, last;
      uset_getItem(set, i, &first, &last, nullptr, 0, &st);
      for (UChar32 c = first; c <= last && c < 0x10000; ++c) t[c] = true;
    }
    return t;
  }();
  return table;
}

}  // namespace

void FontSet::build_chains(const std::vector<std::array<FaceId, kFontCount>>& family_faces) {
  const std::vector<bool>& ignored = ignorable();
  for (int style = 0; style < kFontCount; ++style) {
    FontChain& chain = chains_[style];
    chain.fallback_ = family_faces.front()[style];
    const FontMetrics& fallback = faces[chain.fallback_].metrics;
    for (char32_t c = 0; c < 0x10000; ++c) {
      if (c % 64 == 0) {
        // Most blocks of 64 code points are in no font: skip the search.
        uint64_t any = 0;
        for (const auto& fam : family_faces) {
          any |= faces[fam[style]].metrics.coverage_block(c / 64) |
                 faces[fam[kRegular]].metrics.coverage_block(c / 64);
        }
        if (any == 0) {
          for (char32_t k = c; k < c + 64; ++k) {
            chain.width_[k] = ignored[k] ? 0 : static_cast<uint16_t>(fallback.advance(k));
            if (ignored[k]) chain.face_[k] = FontChain::kIgnored;
          }
          c += 63;
          continue;
        }
      }
      if (ignored[c]) {
        chain.face_[c] = FontChain::kIgnored;
        chain.width_[c] = 0;
        continue;
      }
      chain.width_[c] = static_cast<uint16_t>(fallback.advance(c));
      for (const auto& fam : family_faces) {
        FaceId f = faces[fam[style]].metrics.covers(c) ? fam[style] : fam[kRegular];
        if (!faces[f].metrics.covers(c)) continue;
        chain.face_[c] = static_cast<uint8_t>(f);
        chain.width_[c] = static_cast<uint16_t>(faces[f].metrics.advance(c));
        break;
      }
    }
    chain.ascii_face_ = chain.face_for(0x20);
    for (char32_t c = 0x20; c < 0x7F; ++c) {
      if (chain.ignored(c) || chain.face_for(c) != chain.ascii_face_) {
        chain.ascii_face_ = FontChain::kNoFace;
      }
    }
  }
}

FontSet load_font_set(const std::string& regular, const std::string& bold,
                      const std::string& italic) {
  return FontSet::load({{"", regular, bold, italic}});
}

FontSet load_noto_sans(const std::string& dir) {
  return load_font_set(dir + "/NotoSans-Regular.ttf", dir + "/NotoSans-Bold.ttf",
                       dir + "/NotoSans-Italic.ttf");
}

}  // namespace gz
