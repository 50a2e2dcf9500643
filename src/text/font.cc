#include "text/font.h"

#include <cerrno>
#include <cstring>
#include <fstream>

#include <hb-ot.h>
#include <hb.h>

#include "base/diag.h"

namespace gz {

namespace {

constexpr hb_tag_t tag(const char (&s)[5]) { return HB_TAG(s[0], s[1], s[2], s[3]); }

// A table of face as bytes; empty when absent.
std::string_view table(hb_face_t* face, hb_tag_t t, hb_blob_t*& keep) {
  keep = hb_face_reference_table(face, t);
  unsigned len = 0;
  const char* data = hb_blob_get_data(keep, &len);
  return {data, data ? len : 0u};
}

int be16(std::string_view s, size_t at) {
  if (at + 2 > s.size()) return 0;
  return static_cast<int16_t>(static_cast<uint16_t>(static_cast<unsigned char>(s[at]) << 8 |
                                                    static_cast<unsigned char>(s[at + 1])));
}

uint64_t be(const unsigned char* p, int n) {
  uint64_t v = 0;
  for (int i = 0; i < n; ++i) v = v << 8 | p[i];
  return v;
}

// Every table the face's directory lists must lie inside the file. HarfBuzz
// reads a table that runs past the end (a truncated download) as absent,
// which would be reported as missing, not as damage. Returns "" or why not.
std::string check_directory(hb_blob_t* blob, unsigned index) {
  unsigned size = 0;
  const auto* data = reinterpret_cast<const unsigned char*>(hb_blob_get_data(blob, &size));
  if (!data || size < 12) return "the file is too short for a font";
  uint64_t dir = 0;
  if (std::memcmp(data, "ttcf", 4) == 0) {
    if (12 + 4 * uint64_t(index) + 4 > size) return "its collection header runs past the end";
    dir = be(data + 12 + 4 * index, 4);
  }
  if (dir + 12 > size) return "its table directory runs past the end of the file";
  const uint64_t tables = be(data + dir + 4, 2);
  if (dir + 12 + 16 * tables > size) return "its table directory runs past the end of the file";
  for (uint64_t i = 0; i < tables; ++i) {
    const unsigned char* e = data + dir + 12 + 16 * i;  // tag, checksum, offset, length
    if (be(e + 8, 4) + be(e + 12, 4) > size) {
      return "its '" + std::string(reinterpret_cast<const char*>(e), 4) +
             "' table runs past the end of the file";
    }
  }
  return {};
}

}  // namespace

Face::~Face() {
  if (font_) hb_font_destroy(font_);
  if (face_) hb_face_destroy(face_);
  if (blob_) hb_blob_destroy(blob_);
}

void Face::open() const {
  // The OS says why a file cannot be read; HarfBuzz only that it could not.
  if (!std::ifstream(path_, std::ios::binary)) {
    fail_runtime(path_, std::string("cannot open font file: ") + std::strerror(errno));
  }
  hb_blob_t* blob = hb_blob_create_from_file_or_fail(path_.c_str());
  if (!blob) fail_runtime(path_, "cannot read font file");
  const unsigned count = hb_face_count(blob);
  if (count == 0) {
    hb_blob_destroy(blob);
    fail_runtime(path_, "not a font file (no OpenType or TrueType table directory)");
  }
  if (index_ >= count) {
    hb_blob_destroy(blob);
    fail_runtime(path_, "has " + std::to_string(count) + " faces; there is no face " +
                            std::to_string(index_));
  }
  if (std::string why = check_directory(blob, index_); !why.empty()) {
    hb_blob_destroy(blob);
    fail_runtime(path_, "damaged font: " + why);
  }
  hb_face_t* face = hb_face_create(blob, index_);
  auto bad = [&](const std::string& why) {
    hb_face_destroy(face);
    hb_blob_destroy(blob);
    fail_runtime(path_, "damaged or unusable font: " + why);
  };
  hb_blob_t* keep = nullptr;
  auto has_table = [&](const char(&t)[5], size_t min_size) {
    const size_t n = table(face, tag(t), keep).size();
    hb_blob_destroy(keep);
    return n >= min_size;
  };
  // HarfBuzz checks every table it reads against the file (a damaged table
  // reads as empty), so what is left is to ask for what drawing needs.
  if (!has_table("head", 54)) bad("no valid 'head' table");
  if (!has_table("hhea", 36) || !has_table("hmtx", 2)) bad("no horizontal metrics ('hhea', 'hmtx')");
  if (!has_table("cmap", 4)) bad("no character map ('cmap')");
  const bool cff = has_table("CFF ", 4) || has_table("CFF2", 4);
  if (!cff && !(has_table("glyf", 1) && has_table("loca", 2))) {
    bad("no glyph outlines ('glyf' and 'loca', or 'CFF ')");
  }
  const unsigned glyphs = hb_face_get_glyph_count(face);
  if (glyphs == 0) bad("no glyphs");
  const unsigned upem = hb_face_get_upem(face);
  if (upem < 16 || upem > 16384) bad("units per em out of range");

  hb_font_t* font = hb_font_create(face);
  hb_font_set_scale(font, kUnitsPerEm, kUnitsPerEm);
  hb_font_make_immutable(font);
  hb_font_extents_t ext{};
  hb_font_get_h_extents(font, &ext);
  ascender_ = ext.ascender > 0 ? ext.ascender : 800;
  descender_ = ext.descender < 0 ? ext.descender : -200;
  hb_position_t cap = 0;
  cap_height_ = hb_ot_metrics_get_position(font, HB_OT_METRICS_TAG_CAP_HEIGHT, &cap) && cap > 0
                    ? cap
                    : ascender_;
  std::string_view post = table(face, tag("post"), keep);
  italic_angle_ = be16(post, 4);  // the integer part of a 16.16 Fixed
  hb_blob_destroy(keep);
  std::string_view head = table(face, tag("head"), keep);
  for (int i = 0; i < 4; ++i) {
    bbox_[i] = static_cast<int>(int64_t{be16(head, 36 + 2 * size_t(i))} * kUnitsPerEm / upem);
  }
  hb_blob_destroy(keep);
  cff_ = cff;
  glyphs_ = glyphs;
  blob_ = blob;
  face_ = face;
  font_ = font;
  opened_.store(true);
}

hb_font_t* Face::font() const {
  std::call_once(once_, [this] { open(); });
  return font_;
}

hb_face_t* Face::face() const {
  font();
  return face_;
}

uint32_t Face::glyph(char32_t c) const {
  hb_codepoint_t gid = 0;
  return hb_font_get_nominal_glyph(font(), c, &gid) ? gid : 0;
}

int32_t Face::advance(uint32_t gid) const { return hb_font_get_glyph_h_advance(font(), gid); }

int Face::ascender() const { return font(), ascender_; }
int Face::descender() const { return font(), descender_; }
int Face::cap_height() const { return font(), cap_height_; }
int Face::italic_angle() const { return font(), italic_angle_; }
bool Face::cff() const { return font(), cff_; }
unsigned Face::glyph_count() const { return font(), glyphs_; }

void Face::bbox(int out[4]) const {
  font();
  std::memcpy(out, bbox_, sizeof bbox_);
}

std::string Face::postscript_name() const {
  char buf[128];
  unsigned len = sizeof buf;
  std::string name;
  if (hb_ot_name_get_utf8(face(), HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &len, buf) >
      0) {
    name.assign(buf, len);
  }
  std::string out;
  for (char c : name) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.') {
      out += c;
    }
  }
  if (out.empty()) {
    const size_t slash = path_.rfind('/');
    for (char c : path_.substr(slash == std::string::npos ? 0 : slash + 1)) {
      if (c == '.') break;
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') {
        out += c;
      }
    }
  }
  if (out.empty()) out = "Font";
  return out.substr(0, 100);
}

void Face::check_file(const std::string& path, unsigned index) {
  Face f(path, index);
  f.font();
}

}  // namespace gz
