// The largest inputs and outputs Gazette accepts (README "Guarantees").
// Past each one it stops with a located error and exit code 2 instead of
// running out of memory or time: a spec or feed from elsewhere must not be
// able to take the machine down. Each is far above what real bulletins need.
#pragma once

#include <cstddef>
#include <string>

namespace gz::limits {

inline constexpr size_t kKiB = 1024;
inline constexpr size_t kMiB = 1024 * kKiB;

// A source file: a listing, a feed, a ReliefWeb export, a bulletin file.
// Gazette holds a source in memory with its bulletins, a few times its
// size (see the README for measured peaks).
inline constexpr size_t kMaxSourceBytes = 256 * kMiB;

// One line of a listing. Scraped pages put a paragraph on one line; the
// longest real ones are a few KiB.
inline constexpr size_t kMaxLineBytes = 256 * kKiB;

// One bulletin's text (title and paragraphs, after white space is folded).
inline constexpr size_t kMaxBulletinBytes = 1 * kMiB;

// A spec file. Real ones are under 4 KiB.
inline constexpr size_t kMaxSpecBytes = 1 * kMiB;

// Spec regions inside spec regions ([regions] A = ["B"], B = ["C"], ...).
inline constexpr size_t kMaxRegionNesting = 64;

// Tables, arrays and inline tables nested in TOML (a spec, a bulletin's
// front matter), counting each part of a dotted key or table header as a
// level: toml++ recurses on them. Real specs nest 3 deep.
inline constexpr size_t kMaxTomlNesting = 64;

// A bulletin file's front matter (TOML). Real ones are a few hundred bytes.
inline constexpr size_t kMaxFrontMatterBytes = 1 * kMiB;

// Arrays and objects nested in a ReliefWeb export (JSON). Real ones nest
// 5 deep; jsoncpp's reader recurses on each level.
inline constexpr size_t kMaxJsonNesting = 256;

// Text that the entities a feed's own DTD declares expand to, in all of
// one feed (README "RSS 2.0 and Atom feeds"): real feeds use a few named
// characters; a "billion laughs" feed stops here.
inline constexpr size_t kMaxEntityBytes = 1 * kMiB;

// The text of one digest: a bulletin appears once under each of its
// countries, so a digest can hold more text than its listings. Bounds the
// memory of building and laying it out.
inline constexpr size_t kMaxDigestBytes = 256 * kMiB;

// Entries of one digest: bulletins, each counted once per country it is
// listed under. The PDF writer (libharu) keeps an outline entry and its
// objects in memory for each, about 4 KiB apiece: this bounds it.
inline constexpr size_t kMaxDigestEntries = 250'000;

// What a token_command may print: an OAuth 2.0 access token is a few KiB.
inline constexpr size_t kMaxTokenBytes = 64 * kKiB;

// Pages of one PDF.
inline constexpr int kMaxPdfPages = 100'000;

// "262144 bytes (256 KiB)", for messages.
inline std::string bytes_text(size_t n) {
  std::string out = std::to_string(n) + " bytes";
  if (n % kMiB == 0) return out + " (" + std::to_string(n / kMiB) + " MiB)";
  if (n % kKiB == 0) return out + " (" + std::to_string(n / kKiB) + " KiB)";
  return out;
}

}  // namespace gz::limits
