#include "text/shaper.h"

#include <algorithm>

#include <hb.h>

#include "base/diag.h"
#include "base/utf8.h"

namespace gz {

namespace {

// Entries kept before trim() starts over: some 100 MB at worst.
constexpr size_t kCacheBound = 200'000;

}  // namespace

Shaper::Shaper(const FontSet& fonts) : fonts_(fonts), buf_(hb_buffer_create()) {
  if (!hb_buffer_allocation_successful(buf_)) fail_runtime("HarfBuzz", "out of memory");
}

Shaper::~Shaper() { hb_buffer_destroy(buf_); }

void Shaper::trim() {
  if (cached_ <= kCacheBound) return;
  for (Words& words : cache_) words.clear();
  cached_ = 0;
}

const std::vector<FaceId>& Shaper::chain(FontId style, std::string_view lang) {
  auto key = std::make_pair(int(style), std::string(lang));
  auto it = chains_.find(key);
  if (it == chains_.end()) it = chains_.emplace(key, fonts_.chain(style, lang)).first;
  return it->second;
}

const ShapedText& Shaper::shape(std::string_view text, FontId style, uint32_t script, bool rtl,
                                std::string_view lang, int prefer) {
  auto same = [&](const Context& c) {
    return c.style == style && c.rtl == rtl && c.prefer == prefer && c.script == script &&
           c.lang == lang;
  };
  if (last_context_ >= contexts_.size() || !same(contexts_[last_context_])) {
    last_context_ = 0;
    while (last_context_ < contexts_.size() && !same(contexts_[last_context_])) ++last_context_;
    if (last_context_ == contexts_.size()) {
      contexts_.push_back({style, rtl, prefer, script, std::string(lang)});
      cache_.emplace_back();
    }
  }
  Words& words = cache_[last_context_];
  auto it = words.find(text);
  if (it != words.end()) return it->second;
  ShapedText& out = words.emplace(std::string(text), ShapedText()).first->second;
  ++cached_;
  const std::vector<FaceId>* faces = &chain(style, lang);
  std::vector<FaceId> preferred;
  if (prefer != kNoFace && (faces->empty() || faces->front() != prefer)) {
    preferred.push_back(static_cast<FaceId>(prefer));
    for (FaceId f : *faces) {
      if (f != prefer) preferred.push_back(f);
    }
    faces = &preferred;
  }
  shape_range(text, 0, static_cast<uint32_t>(text.size()), *faces, 0, script, rtl, lang, out.glyphs,
              out.missing);
  for (const ShapedGlyph& g : out.glyphs) out.advance += g.advance;
  return out;
}

void Shaper::shape_range(std::string_view text, uint32_t begin, uint32_t end,
                         const std::vector<FaceId>& chain, size_t k, uint32_t script, bool rtl,
                         std::string_view lang, std::vector<ShapedGlyph>& out, bool& missing) {
  if (begin >= end) return;
  // Faces whose character map lacks the range's first character would only
  // give .notdef: skip them without shaping (nor opening more than needed).
  char32_t first = 0;
  utf8_decode(text.substr(begin, end - begin), &first);
  while (k < chain.size() && !fonts_[chain[k]].has(first)) ++k;
  const bool last_resort = k >= chain.size();
  const FaceId face = last_resort ? chain.front() : chain[k];

  hb_buffer_t* buf = buf_;
  hb_buffer_clear_contents(buf);
  hb_buffer_add_utf8(buf, text.data(), static_cast<int>(text.size()), begin,
                     static_cast<int>(end - begin));
  hb_buffer_set_direction(buf, rtl ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
  hb_buffer_set_script(buf, static_cast<hb_script_t>(script));
  hb_buffer_set_language(
      buf, lang.empty() ? HB_LANGUAGE_INVALID
                        : hb_language_from_string(lang.data(), static_cast<int>(lang.size())));
  hb_buffer_set_cluster_level(buf, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_GRAPHEMES);
  hb_buffer_set_flags(
      buf, static_cast<hb_buffer_flags_t>((begin == 0 ? HB_BUFFER_FLAG_BOT : 0) |
                                          (end == text.size() ? HB_BUFFER_FLAG_EOT : 0)));
  hb_shape(fonts_[face].font(), buf, nullptr, 0);
  unsigned n = 0;
  const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf, &n);
  const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf, &n);

  // Each cluster's end: the next cluster's start in logical order.
  std::vector<uint32_t> starts;
  starts.reserve(n);
  for (unsigned i = 0; i < n; ++i) starts.push_back(info[i].cluster);
  std::sort(starts.begin(), starts.end());
  starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
  auto cluster_end = [&](uint32_t c) {
    auto it = std::upper_bound(starts.begin(), starts.end(), c);
    return it == starts.end() ? end : *it;
  };
  std::vector<ShapedGlyph> shaped;
  shaped.reserve(n);
  std::vector<uint32_t> bad;  // clusters with a .notdef glyph, sorted
  for (unsigned i = 0; i < n; ++i) {
    const uint32_t c = info[i].cluster;
    shaped.push_back({face, info[i].codepoint, pos[i].x_advance, pos[i].x_offset, pos[i].y_offset,
                      c, cluster_end(c)});
    if (info[i].codepoint == 0) bad.push_back(c);
  }
  if (bad.empty() || last_resort) {
    missing = missing || !bad.empty();
    out.insert(out.end(), shaped.begin(), shaped.end());
    return;
  }
  std::sort(bad.begin(), bad.end());
  bad.erase(std::unique(bad.begin(), bad.end()), bad.end());
  // Consecutive bad clusters (logical order) form ranges for the next faces.
  struct Range {
    uint32_t begin, end;
  };
  std::vector<Range> ranges;
  for (uint32_t c : bad) {
    const uint32_t e = cluster_end(c);
    if (!ranges.empty() && ranges.back().end == c) {
      ranges.back().end = e;
    } else {
      ranges.push_back({c, e});
    }
  }
  auto range_of = [&](uint32_t c) -> const Range* {
    for (const Range& r : ranges) {
      if (c >= r.begin && c < r.end) return &r;
    }
    return nullptr;
  };
  // Glyphs of a range are contiguous in visual order (monotone clusters):
  // the range's own shaping replaces them where they begin.
  const Range* current = nullptr;
  for (const ShapedGlyph& g : shaped) {
    const Range* r = range_of(g.cluster);
    if (r == nullptr) {
      current = nullptr;
      out.push_back(g);
      continue;
    }
    if (r == current) continue;
    current = r;
    shape_range(text, r->begin, r->end, chain, k + 1, script, rtl, lang, out, missing);
  }
}

}  // namespace gz
