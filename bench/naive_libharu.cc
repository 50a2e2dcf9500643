// The floor Gazette's speed is compared with (issue 11, "Speed"): a naive
// writer of the same listings with libharu 2.3.0 alone. No ICU, no shaping,
// no bidi: text goes through libharu's UTF-8 encoder, words are measured
// with libharu's own HPDF_Font_TextWidth and lines are filled greedily.
//
//   naive_libharu [--fonts DIR] [--title TEXT] LISTING... -o OUT.pdf
//
// It writes the same kind of digest as `gazette build`: a cover (title,
// period, count), a contents page (one group per listing file, with page
// numbers and links), then per bulletin a bold title, its date line and its
// paragraphs; A4, 56 pt margins, "Page N of M" footers, an outline of groups
// and bulletins, NotoSans Regular and Bold embedded, compression on. Two
// passes: everything is laid out first (so page numbers are known), then
// written.
//
// Listing format (as bench/gen_listing.py and examples/ write it): blocks
// separated by blank lines; a bulletin is a date block, a title block and
// one or more paragraph blocks. Dates are not parsed, only printed: the
// first block of a listing is a date, and later a block is taken for the
// next bulletin's date when it is one short line with a four-digit year
// that starts or ends with a digit ("2021-08-02", "2 August, 2021",
// "2 de agosto de 2021") and the current bulletin already has a paragraph.
//
// Not part of the test suite; built (EXCLUDE_FROM_ALL) and run by bench/run.
#include <hpdf.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#ifndef NAIVE_FONT_DIR
#define NAIVE_FONT_DIR "fonts"
#endif

namespace {

[[noreturn]] void die(const std::string& message) {
  std::fprintf(stderr, "naive_libharu: %s\n", message.c_str());
  std::exit(1);
}

void on_hpdf_error(HPDF_STATUS error, HPDF_STATUS detail, void*) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "libharu error 0x%04X (detail %u)", static_cast<unsigned>(error),
                static_cast<unsigned>(detail));
  die(buf);
}

// ---------------------------------------------------------------- reading

struct Bulletin {
  std::string date;
  std::string title;
  std::vector<std::string> paragraphs;
};

struct Group {
  std::string name;
  std::vector<Bulletin> bulletins;
};

std::string_view trim(std::string_view s) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// One short line with a run of exactly four digits, starting or ending
// with a digit, of at most five words.
bool looks_like_date(std::string_view s) {
  if (s.empty() || s.size() > 64 || s.find('\n') != std::string_view::npos) return false;
  if (!is_digit(s.front()) && !is_digit(s.back())) return false;
  bool year = false;
  size_t run = 0;
  int words = 1;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i < s.size() && is_digit(s[i])) {
      ++run;
      continue;
    }
    if (run == 4) year = true;
    run = 0;
    if (i < s.size() && s[i] == ' ') ++words;
  }
  return year && words <= 5;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) die("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A block's lines joined by single spaces.
std::string join_lines(std::string_view block) {
  std::string out;
  size_t pos = 0;
  while (pos <= block.size()) {
    size_t end = block.find('\n', pos);
    if (end == std::string_view::npos) end = block.size();
    std::string_view line = trim(block.substr(pos, end - pos));
    if (!line.empty()) {
      if (!out.empty()) out += ' ';
      out.append(line);
    }
    pos = end + 1;
  }
  return out;
}

Group read_listing(const std::string& path) {
  std::string text = read_file(path);
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
  Group g;
  std::string name = path.substr(path.find_last_of('/') + 1);
  g.name = name.substr(0, name.find_last_of('.'));

  // Split into blocks at blank lines.
  std::vector<std::string_view> blocks;
  const std::string_view all(text);
  size_t pos = 0, block_start = std::string_view::npos, block_end = 0;
  while (pos < all.size()) {
    size_t end = all.find('\n', pos);
    if (end == std::string_view::npos) end = all.size();
    if (trim(all.substr(pos, end - pos)).empty()) {
      if (block_start != std::string_view::npos) blocks.push_back(all.substr(block_start, block_end - block_start));
      block_start = std::string_view::npos;
    } else {
      if (block_start == std::string_view::npos) block_start = pos;
      block_end = end;
    }
    pos = end + 1;
  }
  if (block_start != std::string_view::npos) blocks.push_back(all.substr(block_start, block_end - block_start));

  for (std::string_view b : blocks) {
    std::string joined = join_lines(b);
    const bool can_start = g.bulletins.empty() || !g.bulletins.back().paragraphs.empty();
    if (g.bulletins.empty() || (can_start && looks_like_date(joined))) {
      g.bulletins.push_back(Bulletin{std::move(joined), {}, {}});
    } else if (g.bulletins.back().title.empty()) {
      g.bulletins.back().title = std::move(joined);
    } else {
      g.bulletins.back().paragraphs.push_back(std::move(joined));
    }
  }
  if (g.bulletins.empty()) die(path + ": no bulletins");
  if (g.bulletins.back().title.empty()) die(path + ": a date with no title after it at the end");
  return g;
}

// ---------------------------------------------------------------- layout

constexpr double kPageWidth = 595.276;  // A4, as HPDF_PAGE_SIZE_A4
constexpr double kPageHeight = 841.89;
constexpr double kMargin = 56;
constexpr double kTextWidth = kPageWidth - 2 * kMargin;
constexpr double kFrameTop = kPageHeight - kMargin;
constexpr double kFrameBottom = kMargin;

enum FontId : uint8_t { kRegular, kBold };

struct Style {
  FontId font;
  double size;
  double leading;
};

// The sizes Gazette uses (src/layout/sections.h).
constexpr Style kCoverTitle{kBold, 26, 32};
constexpr Style kCoverLine{kRegular, 14, 20};
constexpr Style kCoverCount{kRegular, 12, 18};
constexpr Style kTocHeading{kBold, 18, 24};
constexpr Style kTocLine{kRegular, 11, 17};
constexpr Style kGroup{kBold, 16, 21};
constexpr Style kItemTitle{kBold, 11, 15};
constexpr Style kMeta{kRegular, 9, 12};
constexpr Style kBody{kRegular, 10, 13};
constexpr Style kFooter{kRegular, 9, 12};
constexpr double kCoverDrop = 140;
constexpr double kFooterBaseline = 30;
constexpr double kGroupSpace = 18;
constexpr double kItemSpace = 10;
constexpr double kParagraphSpace = 4;

// A line of text to show: its bytes are arena[offset, offset + length),
// followed by a NUL so that libharu can take them as they are.
struct Op {
  FontId font;
  float size;
  float x;
  float y;
  uint32_t offset;
};

struct Link {
  int page;
  HPDF_Rect rect;
  int target_page;
  float target_y;
};

struct OutlineEntry {
  int level;
  uint32_t offset;  // title in the arena
  int page;
  float y;
};

class Layout {
 public:
  explicit Layout(HPDF_Font regular, HPDF_Font bold) : fonts_{regular, bold} {}

  std::vector<std::vector<Op>> pages;
  std::vector<Link> links;
  std::vector<OutlineEntry> outline;
  std::string arena;

  // Width in points of text in style s, by libharu's measure.
  double width(const Style& s, std::string_view text) const {
    HPDF_TextWidth tw = HPDF_Font_TextWidth(fonts_[s.font], reinterpret_cast<const HPDF_BYTE*>(text.data()),
                                            static_cast<HPDF_UINT>(text.size()));
    return tw.width * s.size / 1000.0;
  }

  // Greedy word wrapping of text into lines no wider than max_width; each
  // line is stored in the arena. Returns (offset, width) per line.
  std::vector<std::pair<uint32_t, double>> wrap(const Style& s, std::string_view text,
                                                double max_width) {
    std::vector<std::pair<uint32_t, double>> lines;
    const double space = width(s, " ");
    std::string line;
    double line_width = 0;
    size_t pos = 0;
    while (pos < text.size()) {
      if (text[pos] == ' ' || text[pos] == '\t') {
        ++pos;
        continue;
      }
      size_t end = pos;
      while (end < text.size() && text[end] != ' ' && text[end] != '\t') ++end;
      const std::string_view word = text.substr(pos, end - pos);
      const double w = width(s, word);
      if (!line.empty() && line_width + space + w > max_width) {
        lines.emplace_back(store(line), line_width);
        line.clear();
        line_width = 0;
      }
      if (!line.empty()) {
        line += ' ';
        line_width += space;
      }
      line.append(word);
      line_width += w;
      pos = end;
    }
    if (!line.empty()) lines.emplace_back(store(line), line_width);
    return lines;
  }

  uint32_t store(std::string_view text) {
    const auto offset = static_cast<uint32_t>(arena.size());
    arena.append(text);
    arena += '\0';
    return offset;
  }

  // ---- the body, from page first_page on; group_page/group_y: where each
  // group heading went.
  void body(const std::vector<Group>& groups, int first_page, std::vector<int>& group_page,
            std::vector<float>& group_y) {
    page_ = first_page;
    new_page();
    for (const Group& g : groups) {
      auto heading = wrap(kGroup, g.name, kTextWidth);
      // A heading stays with the first bulletin's title.
      ensure_room(kGroupSpace + heading.size() * kGroup.leading + kItemTitle.leading + kMeta.leading +
                  kBody.leading);
      space(kGroupSpace);
      group_page.push_back(page_);
      group_y.push_back(static_cast<float>(y_));
      outline.push_back({0, store(g.name), page_, static_cast<float>(y_)});
      for (const auto& [offset, w] : heading) put(kGroup, kMargin, offset);
      for (const Bulletin& b : g.bulletins) {
        auto title = wrap(kItemTitle, b.title, kTextWidth);
        auto date = wrap(kMeta, b.date, kTextWidth);
        std::vector<std::vector<std::pair<uint32_t, double>>> paragraphs;
        paragraphs.reserve(b.paragraphs.size());
        for (const std::string& p : b.paragraphs) paragraphs.push_back(wrap(kBody, p, kTextWidth));
        // The title, the date and the first body line go on one page.
        ensure_room(kItemSpace + title.size() * kItemTitle.leading + date.size() * kMeta.leading +
                    (paragraphs.empty() ? 0 : kBody.leading));
        space(kItemSpace);
        outline.push_back({1, store(b.title), page_, static_cast<float>(y_)});
        for (const auto& [offset, w] : title) put(kItemTitle, kMargin, offset);
        for (const auto& [offset, w] : date) put(kMeta, kMargin, offset);
        bool first = true;
        for (const auto& lines : paragraphs) {
          if (!first) space(kParagraphSpace);
          first = false;
          for (const auto& [offset, w] : lines) put(kBody, kMargin, offset);
        }
      }
    }
  }

  // ---- the cover, on page 0.
  void cover(const std::string& title, const std::string& period, const std::string& count) {
    page_ = 0;
    new_page();
    y_ -= kCoverDrop;
    for (const auto& [offset, w] : wrap(kCoverTitle, title, kTextWidth))
      put(kCoverTitle, std::max(kMargin, (kPageWidth - w) / 2), offset);
    space(kCoverLine.leading);
    for (const auto& [offset, w] : wrap(kCoverLine, period, kTextWidth))
      put(kCoverLine, std::max(kMargin, (kPageWidth - w) / 2), offset);
    space(kCoverCount.leading / 2);
    for (const auto& [offset, w] : wrap(kCoverCount, count, kTextWidth))
      put(kCoverCount, std::max(kMargin, (kPageWidth - w) / 2), offset);
  }

  // Pages the contents take for n groups.
  static int toc_pages(size_t n) {
    const double first = kFrameTop - kFrameBottom - kTocHeading.leading - kTocLine.leading;
    const auto per_first = static_cast<size_t>(first / kTocLine.leading);
    const auto per_page = static_cast<size_t>((kFrameTop - kFrameBottom) / kTocLine.leading);
    if (n <= per_first) return 1;
    return 1 + static_cast<int>((n - per_first + per_page - 1) / per_page);
  }

  // ---- the contents, from page 1 on: a line per group, its page number
  // at the right margin, a link to it.
  void contents(const std::vector<Group>& groups, const std::vector<int>& group_page,
                const std::vector<float>& group_y) {
    page_ = 1;
    new_page();
    put(kTocHeading, kMargin, store("Contents"));
    space(kTocLine.leading);
    for (size_t i = 0; i < groups.size(); ++i) {
      ensure_room(kTocLine.leading);
      const std::string number = std::to_string(group_page[i] + 1);
      const double number_width = width(kTocLine, number);
      const float top = static_cast<float>(y_);
      // The name, cut to fit before the number (at a byte that starts a
      // UTF-8 sequence).
      std::string name = groups[i].name;
      while (!name.empty() && width(kTocLine, name) > kTextWidth - number_width - 12) {
        // One code point off: its continuation bytes, then its first byte.
        while (!name.empty() && (static_cast<unsigned char>(name.back()) & 0xC0) == 0x80) name.pop_back();
        if (!name.empty()) name.pop_back();
      }
      put(kTocLine, kMargin, store(name));
      Op n = pages[page_].back();
      n.x = static_cast<float>(kPageWidth - kMargin - number_width);
      n.offset = store(number);
      pages[page_].push_back(n);
      links.push_back({page_,
                       HPDF_Rect{static_cast<HPDF_REAL>(kMargin), static_cast<HPDF_REAL>(y_),
                                 static_cast<HPDF_REAL>(kPageWidth - kMargin), top},
                       group_page[i], group_y[i]});
    }
  }

 private:
  HPDF_Font fonts_[2];
  int page_ = 0;
  double y_ = kFrameTop;  // top of the next line box
  bool page_empty_ = true;

  void new_page() {
    if (static_cast<int>(pages.size()) <= page_) pages.resize(page_ + 1);
    y_ = kFrameTop;
    page_empty_ = true;
  }

  void ensure_room(double height) {
    if (!page_empty_ && y_ - height < kFrameBottom) {
      ++page_;
      new_page();
    }
  }

  // Vertical space, dropped at the top of a page.
  void space(double h) {
    if (!page_empty_) y_ -= h;
  }

  void put(const Style& s, double x, uint32_t offset) {
    if (!page_empty_ && y_ - s.leading < kFrameBottom) {
      ++page_;
      new_page();
    }
    // Baseline: the line box's top, half the extra leading, then the ascent.
    const double baseline = y_ - (s.leading - s.size) / 2 - 0.8 * s.size;
    pages[page_].push_back({s.font, static_cast<float>(s.size), static_cast<float>(x),
                            static_cast<float>(baseline), offset});
    y_ -= s.leading;
    page_empty_ = false;
  }
};

// ---------------------------------------------------------------- main

int run(int argc, char** argv) {
  std::vector<std::string> inputs;
  std::string out, title = "Benchmark digest", font_dir = NAIVE_FONT_DIR;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) die(a + " needs a value");
      return argv[++i];
    };
    if (a == "-o") out = value();
    else if (a == "--title") title = value();
    else if (a == "--fonts") font_dir = value();
    else if (a == "-h" || a == "--help") {
      std::puts("usage: naive_libharu [--fonts DIR] [--title TEXT] LISTING... -o OUT.pdf");
      return 0;
    } else inputs.push_back(a);
  }
  if (inputs.empty() || out.empty()) die("usage: naive_libharu [--fonts DIR] [--title TEXT] LISTING... -o OUT.pdf");

  std::vector<Group> groups;
  size_t count = 0;
  for (const std::string& path : inputs) {
    groups.push_back(read_listing(path));
    count += groups.back().bulletins.size();
  }
  // The period as printed: the first and last date lines of the first listing.
  const auto& first = groups.front().bulletins;
  const std::string period = first.back().date + " \xE2\x80\x93 " + first.front().date;

  HPDF_Doc pdf = HPDF_New(on_hpdf_error, nullptr);
  if (!pdf) die("cannot create a libharu document");
  HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
  HPDF_UseUTFEncodings(pdf);
  HPDF_SetCurrentEncoder(pdf, "UTF-8");
  const std::string regular_path = font_dir + "/NotoSans-Regular.ttf";
  const std::string bold_path = font_dir + "/NotoSans-Bold.ttf";
  HPDF_Font regular = HPDF_GetFont(pdf, HPDF_LoadTTFontFromFile(pdf, regular_path.c_str(), HPDF_TRUE), "UTF-8");
  HPDF_Font bold = HPDF_GetFont(pdf, HPDF_LoadTTFontFromFile(pdf, bold_path.c_str(), HPDF_TRUE), "UTF-8");
  HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, title.c_str());
  HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, "naive_libharu (Gazette bench/)");
  HPDF_SetPageMode(pdf, HPDF_PAGE_MODE_USE_OUTLINE);

  // Pass 1: lay out everything.
  Layout lay(regular, bold);
  lay.cover(title, period, std::to_string(count) + " bulletins");
  std::vector<int> group_page;
  std::vector<float> group_y;
  lay.body(groups, 1 + Layout::toc_pages(groups.size()), group_page, group_y);
  lay.contents(groups, group_page, group_y);

  // Pass 2: write.
  const size_t total = lay.pages.size();
  std::vector<HPDF_Page> pages(total);
  for (HPDF_Page& p : pages) {
    p = HPDF_AddPage(pdf);
    HPDF_Page_SetSize(p, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
  }
  const HPDF_Font font_of[2] = {regular, bold};
  char footer[64];
  for (size_t i = 0; i < total; ++i) {
    HPDF_Page p = pages[i];
    HPDF_Page_BeginText(p);
    int font = -1;
    float size = -1;
    for (const Op& op : lay.pages[i]) {
      if (op.font != font || op.size != size) {
        font = op.font;
        size = op.size;
        HPDF_Page_SetFontAndSize(p, font_of[font], size);
      }
      HPDF_Page_TextOut(p, op.x, op.y, lay.arena.data() + op.offset);
    }
    std::snprintf(footer, sizeof footer, "Page %zu of %zu", i + 1, total);
    HPDF_Page_SetFontAndSize(p, font_of[kFooter.font], kFooter.size);
    HPDF_Page_TextOut(p, (kPageWidth - HPDF_Page_TextWidth(p, footer)) / 2, kFooterBaseline, footer);
    HPDF_Page_EndText(p);
  }
  for (const Link& l : lay.links) {
    HPDF_Destination d = HPDF_Page_CreateDestination(pages[l.target_page]);
    HPDF_Destination_SetFitH(d, l.target_y);
    HPDF_Annotation a = HPDF_Page_CreateLinkAnnot(pages[l.page], l.rect, d);
    HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
  }
  HPDF_Encoder utf8 = HPDF_GetEncoder(pdf, "UTF-8");
  HPDF_Outline group = nullptr;
  for (const OutlineEntry& e : lay.outline) {
    HPDF_Outline o = HPDF_CreateOutline(pdf, e.level > 0 ? group : nullptr, lay.arena.data() + e.offset, utf8);
    HPDF_Destination d = HPDF_Page_CreateDestination(pages[e.page]);
    HPDF_Destination_SetFitH(d, e.y);
    HPDF_Outline_SetDestination(o, d);
    if (e.level == 0) {
      group = o;
      HPDF_Outline_SetOpened(o, HPDF_FALSE);
    }
  }
  HPDF_SaveToFile(pdf, out.c_str());
  HPDF_Free(pdf);
  return 0;
}

}  // namespace

int main(int argc, char** argv) { return run(argc, argv); }
