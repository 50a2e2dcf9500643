// What the digest says, with every word already in the report's language:
// the input of layout. Built from the selected bulletins by compose/.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/diag.h"
#include "base/paper.h"
#include "base/paragraph_kind.h"

namespace gz {

// Emphasis, strong text or a link over bytes [begin, end) of a paragraph.
// The corpus's TextMark again, so that layout does not depend on corpus/.
struct TextSpan {
  enum Kind : uint8_t { Emphasis, Strong, Link };
  uint32_t begin = 0;
  uint32_t end = 0;
  Kind kind = Emphasis;
  std::string url;  // for Link
};

struct DigestItem {
  std::string title;
  std::string date_text;       // "July 9, 2021" in the report locale
  std::string countries_text;  // "El Salvador, Guatemala, Honduras" (report locale)
  // The body's paragraphs, unless shared_paragraphs is set; read them with
  // body().
  std::vector<std::string> paragraphs;
  Location origin;  // the bulletin's date line in its listing, for warnings
  // Empty, or one list per paragraph (sorted by begin; may nest): emphasis
  // is set in italic, strong in bold, links become clickable areas.
  std::vector<std::vector<TextSpan>> marks;
  std::string lang;  // BCP 47 tag of the bulletin's language ("" unknown)
  // The line under the item, in the report language: "Source: IOM · Read
  // more", with a link over "Read more" ("" when the bulletin has neither a
  // publisher nor a web address).
  std::string source_text;
  std::vector<TextSpan> source_marks;
  // Empty, or one per paragraph: headings and list items are set as such.
  std::vector<ParagraphKind> kinds;
  // "in Spanish" (report language) when the bulletin is in another language
  // than the report's; after the countries on the line under the title.
  std::string language_text;
  // The bulletin's own paragraphs, when compose refers to them rather than
  // copying them into paragraphs: the corpus's text outlives the digest, and
  // a copy was 128 MB of a 200,000-bulletin digest.
  const std::vector<std::string>* shared_paragraphs = nullptr;

  const std::vector<std::string>& body() const {
    return shared_paragraphs ? *shared_paragraphs : paragraphs;
  }
};

// A bulletin of the group printed under another group: a line with its
// title, the page it is on and a link there.
struct DigestXref {
  std::string title;
  size_t group = 0;  // where it is printed: groups[group].items[item]
  size_t item = 0;
};

struct DigestGroup {
  std::string name;  // country name in the report locale
  std::vector<DigestItem> items;
  std::vector<DigestXref> xrefs;  // after the items, under see_also_text
  // The running header of a page the group goes on to: "Honduras
  // (continued)" in the report language.
  std::string continued;
};

// A picture as its file's bytes (PNG or JPEG) and its size in pixels:
// layout scales it into its box, the PDF writer embeds it.
struct DigestImage {
  std::shared_ptr<const std::string> bytes;  // null: none
  bool png = false;
  int width_px = 0;
  int height_px = 0;
  double box_height = 48;  // points; the box is twice as wide
  std::string alt;         // what it shows, for readers
};

// One region's groups in the contents: groups [first, end) of the digest.
struct DigestRegion {
  std::string name;
  size_t first = 0;
  size_t end = 0;
};

// The "At a glance" page: how many bulletins per group and per week (or
// month), as tables with a bar chart and a column chart. Every word and
// number is in the report language already.
struct GlanceCount {
  std::string label;        // "Guatemala"; "July 5 – 11, 2021" (the table)
  std::string short_label;  // under a column of the chart: "Jul 5" ("" for groups)
  std::string count_text;   // "12" in the report locale's digits
  int64_t count = 0;
};

struct DigestGlance {
  std::string heading;              // "At a glance"
  std::string by_time_text;         // "Bulletins per week" (or "per month")
  std::string by_group_text;        // "Bulletins per country"
  std::string time_header;          // "Week", "Month": the first column of the time table
  std::string group_header;         // "Country"
  std::string count_header;         // "Bulletins"
  std::string note;                 // "" or why the groups' counts add up to more
  std::vector<GlanceCount> times;   // the period's weeks or months in order, empty ones too
  std::vector<GlanceCount> groups;  // one per Digest group, in the same order
};

// Page numbers in the report locale, written by layout from these data
// (compose fills them from the locale): its ten digits, and the footer's
// words around the page number and the page count. Numbers are not grouped
// ("1000", not "1,000"): books do not group page numbers.
struct PageNumbers {
  // 0 to 9 ("٠" to "٩" in Arabic).
  std::array<std::string, 10> digits = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
  // The footer "Page 3 of 12" as pieces: "Page ", the page, " of ", the
  // page count. None: "3 / 12".
  struct Piece {
    enum Kind : uint8_t { Text, Page, Pages };
    Kind kind = Text;
    std::string text;  // Text only
  };
  std::vector<Piece> footer;

  // n (0 or more) in the digits.
  std::string number(int n) const {
    std::string ascii = std::to_string(n);
    std::string out;
    for (char c : ascii) out += digits[static_cast<size_t>(c - '0')];
    return out;
  }
  // The footer of page (1-based) of pages.
  std::string footer_text(int page, int pages) const {
    if (footer.empty()) return number(page) + " / " + number(pages);
    std::string out;
    for (const Piece& piece : footer) {
      out +=
          piece.kind == Piece::Text ? piece.text : number(piece.kind == Piece::Page ? page : pages);
    }
    return out;
  }
};

struct Digest {
  std::string title;
  std::string period_text;    // "July 2021"
  std::string regions_text;   // "Central America"
  std::string count_text;     // "7 bulletins"
  std::string contents_text;  // "Contents"
  std::string empty_text;     // "No bulletins in this period."
  std::string see_also_text;  // "See also", above a group's cross-references
  std::vector<DigestGroup> groups;
  // The cover's [cover] parts; each may be empty. issue_text: "As of July
  // 31, 2021"; intro: paragraphs with marks as a DigestItem's; contact and
  // disclaimer: plain paragraphs in small type at the foot of the cover.
  std::string issue_text;
  DigestImage logo;
  std::vector<std::string> intro;
  std::vector<std::vector<TextSpan>> intro_marks;
  std::vector<std::string> contact;
  std::vector<std::string> disclaimer;
  uint32_t accent = 0;  // 0xRRGGBB of the band and the headings (has_accent)
  bool has_accent = false;
  // Several regions selected: the contents lists each region's groups under
  // its name (groups come region by region); empty: one flat list.
  std::vector<DigestRegion> regions;
  // The "At a glance" page, after the cover; none when glance.groups is
  // empty.
  DigestGlance glance;
  // How page numbers are written: in the footers and the contents.
  PageNumbers page_numbers;
  Paper paper = Paper::A4;
  bool rtl = false;
  std::string lang;  // BCP 47 tag of the report language: Gazette's own text
};

}  // namespace gz
