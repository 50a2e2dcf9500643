#include "layout/coverage.h"

#include <cstdio>
#include <set>
#include <utility>
#include <vector>

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include "base/utf8.h"

namespace gz {

namespace {

// Scripts whose letters must be reordered, combined or substituted to be
// readable: drawing code points one by one (all libharu does) mangles them.
bool needs_shaping(UScriptCode s) {
  switch (s) {
    case USCRIPT_DEVANAGARI:
    case USCRIPT_BENGALI:
    case USCRIPT_GURMUKHI:
    case USCRIPT_GUJARATI:
    case USCRIPT_ORIYA:
    case USCRIPT_TAMIL:
    case USCRIPT_TELUGU:
    case USCRIPT_KANNADA:
    case USCRIPT_MALAYALAM:
    case USCRIPT_SINHALA:
    case USCRIPT_TIBETAN:
    case USCRIPT_MYANMAR:
    case USCRIPT_KHMER:
    case USCRIPT_SYRIAC:
    case USCRIPT_MONGOLIAN:
    case USCRIPT_NKO:
    case USCRIPT_JAVANESE:
    case USCRIPT_BALINESE:
    case USCRIPT_LANNA:
    case USCRIPT_CHAKMA:
    case USCRIPT_LIMBU:
      return true;
    default:
      return false;
  }
}

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

// The scripts c is used with that need shaping: for a letter its own, for
// shared punctuation such as the danda U+0964 (script Common) all those it
// serves.
std::vector<UScriptCode> shaping_scripts(char32_t c) {
  UErrorCode st = U_ZERO_ERROR;
  UScriptCode scripts[64];  // the danda alone serves some 20 scripts
  int32_t n = uscript_getScriptExtensions(static_cast<UChar32>(c), scripts, 64, &st);
  std::vector<UScriptCode> out;
  for (int32_t i = 0; U_SUCCESS(st) && i < n; ++i) {
    if (needs_shaping(scripts[i])) out.push_back(scripts[i]);
  }
  return out;
}

class BulletinCheck {
 public:
  BulletinCheck(const DigestItem& item, const FontChain& chain, const std::string& chain_name,
                Diagnostics& diags)
      : item_(item), chain_(chain), chain_name_(chain_name), diags_(diags) {}

  void text(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
      auto b = static_cast<unsigned char>(s[i]);
      if (b < 0x80) {  // ASCII: every chain starts with a Latin font
        if (!chain_.covers(b)) check(b);
        ++i;
        continue;
      }
      char32_t c;
      i += utf8_decode(s.substr(i), &c);
      if (c >= 0x10000 || !chain_.covers(c)) check(c);
    }
  }

 private:
  void check(char32_t c) {
    if (chain_.ignored(c)) return;
    const std::vector<UScriptCode> scripts = shaping_scripts(c);
    if (!scripts.empty()) {
      // Shared punctuation counts as the script already met, if any.
      for (UScriptCode s : scripts) {
        if (scripts_.count(s)) return;
      }
      const UScriptCode script = scripts.front();
      if (scripts_.insert(script).second) {
        warn(std::string(uscript_getName(script)) +
             " text needs shaping that Gazette cannot draw; it is drawn unshaped");
      }
      return;
    }
    if (!seen_.insert(c).second) return;
    if (c >= 0x10000) {
      warn(code_point(c) +
           " is beyond U+FFFF, which libharu 2.3.0 cannot draw; it is drawn as U+FFFD");
    } else {
      warn("no " + chain_name_ + " has " + code_point(c));
    }
  }

  void warn(std::string what) {
    diags_.warning(item_.origin, what + " (in bulletin " + short_title(item_.title) + ")");
  }

  const DigestItem& item_;
  const FontChain& chain_;
  const std::string& chain_name_;
  Diagnostics& diags_;
  std::set<char32_t> seen_;
  std::set<int> scripts_;
};

}  // namespace

void check_coverage(const Digest& d, const FontSet& fonts, const std::string& chain_name,
                    Diagnostics& diags) {
  // The regular chain: every style falls back to a family's regular face,
  // so what it lacks no style has.
  const FontChain& chain = fonts.chain(kRegular);
  std::set<std::pair<std::string, int>> done;  // a bulletin in several groups
  for (const DigestGroup& g : d.groups) {
    for (const DigestItem& item : g.items) {
      if (!done.emplace(item.origin.file, item.origin.line).second) continue;
      BulletinCheck check(item, chain, chain_name, diags);
      check.text(item.title);
      for (const std::string& p : item.paragraphs) check.text(p);
    }
  }
}

}  // namespace gz
