#include "layout/coverage.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

#include <unicode/uchar.h>

#include "base/utf8.h"
#include "layout/line_breaker.h"

namespace gz {

namespace {

std::string code_point(char32_t c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
  std::string out = buf;
  char name[128];
  UErrorCode st = U_ZERO_ERROR;
  int32_t n = u_charName(static_cast<UChar32>(c), U_UNICODE_CHAR_NAME, name, sizeof name, &st);
  if (U_SUCCESS(st) && n > 0) out += " " + std::string(name, n);
  return out;
}

// The title as people recognise it, cut after a word near 40 code points.
std::string short_title(const std::string& title) {
  constexpr size_t kMax = 40;  // code points
  size_t count = 0, last_space = 0;
  for (size_t i = 0; i < title.size();) {
    char32_t c;
    size_t n = utf8_decode(std::string_view(title).substr(i), &c);
    if (count++ == kMax) {
      // Not inside a word, where a combining mark could be cut from its letter.
      size_t cut = last_space > 0 ? last_space : i;
      return "'" + title.substr(0, cut) + "\u2026'";
    }
    if (c == ' ') last_space = i;
    i += n;
  }
  return "'" + title + "'";
}

// Default-ignorable code points (ZWJ, ZWNJ, bidi controls, soft hyphen) and
// controls are never drawn: no font needs them.
bool never_drawn(char32_t c) {
  return u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_DEFAULT_IGNORABLE_CODE_POINT) ||
         u_charType(static_cast<UChar32>(c)) == U_CONTROL_CHAR || is_breakable_space(c);
}

// A language's chain of faces and what is known of it, shared by all the
// bulletins in that language.
struct Chain {
  std::vector<FaceId> faces;
  // Whether the chain draws a character: up to U+07FF (two-byte UTF-8, most
  // text) in a table, 1 or 0, -1 while not known; the rest in a map.
  std::vector<int8_t> small = std::vector<int8_t>(0x800, -1);
  std::unordered_map<char32_t, bool> covered;
  int ascii = -1;  // whether the first face has all of printable ASCII; -1: not known yet
};

class BulletinCheck {
 public:
  BulletinCheck(const DigestItem& item, const FontSet& fonts, Chain& chain,
                const std::string& chain_name, Diagnostics& diags)
      : item_(item),
        fonts_(fonts),
        chain_(chain.faces),
        small_(chain.small),
        covered_(chain.covered),
        ascii_(chain.ascii),
        chain_name_(chain_name),
        diags_(diags) {}

  void text(std::string_view s) {
    const Face& first = fonts_[chain_.front()];
    for (size_t i = 0; i < s.size();) {
      auto b = static_cast<unsigned char>(s[i]);
      char32_t c = b;
      i += b < 0x80 ? 1 : utf8_decode(s.substr(i), &c);
      if (b >= 0x20 && b < 0x7F && ascii_covered(first)) {
        // The rest of a run of printable ASCII needs no look-up either.
        while (i < s.size() && s[i] >= 0x20 && s[i] < 0x7F) ++i;
        continue;
      }
      if (!covered(c) && seen_.insert(c).second) {
        diags_.warning(item_.origin, "no " + chain_name_ + " has " + code_point(c) +
                                         " (in bulletin " + short_title(item_.title) + ")");
      }
    }
  }

 private:
  bool drawn(char32_t c) const {
    return never_drawn(c) ||
           std::any_of(chain_.begin(), chain_.end(), [&](FaceId f) { return fonts_[f].has(c); });
  }

  bool covered(char32_t c) {
    if (c < small_.size()) {
      if (small_[c] < 0) small_[c] = drawn(c) ? 1 : 0;
      return small_[c] == 1;
    }
    auto it = covered_.find(c);
    if (it == covered_.end()) it = covered_.emplace(c, drawn(c)).first;
    return it->second;
  }

  bool ascii_covered(const Face& f) {
    if (ascii_ < 0) {
      ascii_ = 1;
      for (char32_t c = 0x20; c < 0x7F; ++c) ascii_ = ascii_ && f.has(c);
    }
    return ascii_ == 1;
  }

  const DigestItem& item_;
  const FontSet& fonts_;
  const std::vector<FaceId>& chain_;
  std::vector<int8_t>& small_;
  std::unordered_map<char32_t, bool>& covered_;
  int& ascii_;
  const std::string& chain_name_;
  Diagnostics& diags_;
  std::set<char32_t> seen_;
};

}  // namespace

void check_coverage(const Digest& d, const FontSet& fonts, const std::string& chain_name,
                    Diagnostics& diags) {
  // The regular chain: every style falls back to a family's regular face,
  // so what it lacks no style has.
  std::map<std::string, Chain> chains;
  std::set<std::pair<std::string, int>> done;  // a bulletin in several groups
  for (const DigestGroup& g : d.groups) {
    for (const DigestItem& item : g.items) {
      if (!done.emplace(item.origin.file, item.origin.line).second) continue;
      auto it = chains.find(item.lang);
      if (it == chains.end()) {
        it = chains.emplace(item.lang, Chain()).first;
        it->second.faces = fonts.chain(kRegular, item.lang);
      }
      BulletinCheck check(item, fonts, it->second, chain_name, diags);
      check.text(item.title);
      for (const std::string& p : item.body()) check.text(p);
    }
  }
}

}  // namespace gz
