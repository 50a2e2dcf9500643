// Whole digests laid out: margins, page numbers, links, footers, rtl.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/diag.h"
#include "base/utf8.h"
#include "fonts.h"
#include "layout/layout.h"

using namespace gz;

namespace {

const FontSet& fonts() { return test::noto_sans(); }

constexpr double kMargin = 56;
constexpr double kEps = 1e-6;

// The width of the run's glyphs, points.
double measure(const TextRun& r) {
  int64_t units = 0;
  for (const Glyph& g : r.glyphs) units += g.advance;
  return static_cast<double>(units) * r.size / 1000.0;
}

// The advance of the glyphs for bytes [begin, end) of the run's text, 1/1000 em.
int64_t units_of(const TextRun& r, size_t begin, size_t end) {
  int64_t units = 0;
  for (const Glyph& g : r.glyphs) {
    if (g.text_begin >= begin && g.text_begin < end) units += g.advance;
  }
  return units;
}

std::string lorem(int words, int seed) {
  static const char* const kWords[] = {"bulletin", "región", "Panamá",      "lluvias",  "de",
                                       "la",       "ayuda",  "humanitaria", "familias", "y"};
  std::string s;
  for (int i = 0; i < words; ++i) {
    if (i) s += ' ';
    s += kWords[(i * 7 + seed) % 10];
  }
  return s;
}

Digest base_digest() {
  Digest d;
  d.title = "Centroamérica — Resumen de boletines humanitarios";
  d.period_text = "julio de 2021";
  d.regions_text = "Centroamérica";
  d.count_text = "60 boletines";
  d.contents_text = "Contenido";
  d.empty_text = "No hay boletines en este período.";
  using P = PageNumbers::Piece;
  d.page_numbers.footer = {{P::Text, "Page "}, {P::Page, {}}, {P::Text, " of "}, {P::Pages, {}}};
  return d;
}

Digest big_digest(int groups, int items) {
  Digest d = base_digest();
  const char* const kNames[] = {"Costa Rica", "Guatemala", "Panamá", "Honduras"};
  for (int g = 0; g < groups; ++g) {
    DigestGroup group{kNames[g % 4], {}, {}, {}};
    for (int i = 0; i < items; ++i) {
      DigestItem item;
      item.title =
          std::string(kNames[g % 4]) + ": boletín " + std::to_string(i + 1) + " " + lorem(8, i);
      item.date_text = "9 de julio de 2021";
      item.countries_text = "El Salvador, Guatemala, Honduras";
      item.paragraphs = {lorem(60, i), lorem(25 + i % 7, g)};
      group.items.push_back(std::move(item));
    }
    d.groups.push_back(std::move(group));
  }
  return d;
}

bool is_footer(const TextRun& r) { return r.y < kMargin; }
// Page furniture: the footer under the text, the running header (A4) over it.
bool is_furniture(const TextRun& r) { return is_footer(r) || r.y > 841.89 - kMargin; }

// Every run inside the margins, by widths measured here, not by the layout.
void check_margins(const LaidOut& out) {
  for (const LaidOutPage& p : out.pages) {
    for (const TextRun& r : p.runs) {
      BOOST_TEST(r.width == measure(r), boost::test_tools::tolerance(kEps));
      BOOST_TEST(r.x >= kMargin - kEps);
      BOOST_TEST(r.x + measure(r) <= out.width - kMargin + kEps,
                 "run passes the margin: " << r.text);
      BOOST_TEST(r.y >= 0.0);
      // The running header (an artifact) sits in the top margin, 22 pt
      // above the text.
      BOOST_TEST(r.y <= out.height - kMargin + (r.elem == kArtifact ? 22 : 0));
    }
  }
}

// Page index of the heading run with this text (bold, the group size).
int heading_page(const LaidOut& out, const std::string& name, double* top_y) {
  for (size_t p = 0; p < out.pages.size(); ++p) {
    for (const TextRun& r : out.pages[p].runs) {
      if (r.text == name && r.font == kBold && r.size == 16) {
        if (top_y) *top_y = r.y;
        return static_cast<int>(p);
      }
    }
  }
  return -1;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(layout_pages)

BOOST_AUTO_TEST_CASE(page_sizes) {
  Digest d = base_digest();
  LaidOut a4 = layout_digest(d, fonts());
  BOOST_TEST(a4.width == 595.276);
  BOOST_TEST(a4.height == 841.89);
  d.paper = Paper::Letter;
  LaidOut letter = layout_digest(d, fonts());
  BOOST_TEST(letter.width == 612.0);
  BOOST_TEST(letter.height == 792.0);
}

BOOST_AUTO_TEST_CASE(nothing_passes_the_right_margin) {
  Digest d = big_digest(2, 3);
  std::string word;
  for (int i = 0; i < 300; ++i) word += static_cast<char>('a' + i % 26);
  std::string url = "https://reliefweb.int/report/panama/";
  for (int i = 0; i < 12; ++i) url += "situacion-humanitaria-" + std::to_string(i) + "_";
  url += "?utm_source=gazette&utm_medium=pdf";
  d.title += " " + word;
  d.groups[0].name = word;
  d.groups[0].items[0].title = url;
  d.groups[0].items[0].countries_text = word;
  d.groups[0].items[0].paragraphs = {"Véase " + url + " y " + word + ".", word,
                                     "ภาษาไทยเป็นภาษาที่ไม่มีการเว้นวรรคระหว่างคำในประโยค"};
  for (bool rtl : {false, true}) {
    d.rtl = rtl;
    LaidOut out = layout_digest(d, fonts());
    check_margins(out);
    // The word is all there, cut into lines.
    std::string joined;
    for (const LaidOutPage& p : out.pages) {
      for (const TextRun& r : p.runs) {
        if (r.font == kRegular && r.size == 10 && r.text.find_first_of(" ./") == std::string::npos)
          joined += r.text;
      }
    }
    BOOST_TEST(joined.find(word) != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(toc_numbers_and_links_point_at_the_groups) {
  Digest d = big_digest(3, 20);
  LaidOut out = layout_digest(d, fonts());
  BOOST_TEST(out.pages.size() > 6u);
  check_margins(out);

  // The TOC fits on the cover (page 1), under its text: one linked line
  // per group.
  const LaidOutPage& toc = out.pages[0];
  BOOST_TEST(std::any_of(toc.runs.begin(), toc.runs.end(),
                         [](const TextRun& r) { return r.text == "Contenido"; }));
  BOOST_REQUIRE(toc.links.size() == 3u);
  int previous = 0;
  for (size_t g = 0; g < 3; ++g) {
    const std::string& name = d.groups[g].name;
    double heading_y = 0;
    const int page = heading_page(out, name, &heading_y);
    BOOST_TEST(page > previous);
    previous = page;
    // The name on the left, the page number flush right on the same line.
    const TextRun* name_run = nullptr;
    const TextRun* number_run = nullptr;
    for (const TextRun& r : toc.runs) {
      if (r.text == name) name_run = &r;
    }
    BOOST_REQUIRE(name_run);
    for (const TextRun& r : toc.runs) {
      if (&r != name_run && r.y == name_run->y && r.text.find('.') == std::string::npos)
        number_run = &r;
    }
    BOOST_REQUIRE(number_run);
    BOOST_TEST(name_run->x == kMargin);
    BOOST_TEST(number_run->text == std::to_string(page + 1));
    BOOST_TEST(number_run->x + number_run->width == out.width - kMargin,
               boost::test_tools::tolerance(0.01));
    const LinkArea& link = toc.links[g];
    BOOST_TEST(link.rect.bottom < name_run->y);
    BOOST_TEST(link.rect.top > name_run->y);
    BOOST_TEST(link.target_page == page);
    BOOST_TEST(link.target_y > heading_y);  // the top of the heading line
    BOOST_TEST(link.target_y - heading_y < 21.0);
  }
}

BOOST_AUTO_TEST_CASE(outline_has_groups_and_items) {
  Digest d = big_digest(3, 20);
  LaidOut out = layout_digest(d, fonts());
  BOOST_REQUIRE(out.outline.size() == 63u);
  size_t k = 0;
  for (const DigestGroup& g : d.groups) {
    const OutlineEntry& e = out.outline[k++];
    BOOST_TEST(e.title == g.name);
    BOOST_TEST(e.level == 0);
    BOOST_TEST(e.page == heading_page(out, g.name, nullptr));
    for (const DigestItem& item : g.items) {
      const OutlineEntry& it = out.outline[k++];
      BOOST_TEST(it.title == item.title);
      BOOST_TEST(it.level == 1);
      // The title's first line is on that page, just below y.
      bool found = false;
      for (const TextRun& r : out.pages[it.page].runs) {
        found = found || (r.font == kBold && r.size == 11 && r.y < it.y && it.y - r.y < 15 &&
                          item.title.rfind(r.text, 0) == 0);
      }
      BOOST_TEST(found, "item title not at its outline entry: " << item.title);
    }
  }
}

BOOST_AUTO_TEST_CASE(footer_on_every_page) {
  Digest d = big_digest(3, 20);
  LaidOut out = layout_digest(d, fonts());
  const int pages = static_cast<int>(out.pages.size());
  for (int i = 0; i < pages; ++i) {
    int footers = 0;
    for (const TextRun& r : out.pages[i].runs) {
      if (!is_footer(r)) continue;
      ++footers;
      BOOST_TEST(r.text == "Page " + std::to_string(i + 1) + " of " + std::to_string(pages));
      BOOST_TEST(r.x + r.width / 2 == out.width / 2, boost::test_tools::tolerance(0.01));
    }
    BOOST_TEST(footers == 1);
  }
}

BOOST_AUTO_TEST_CASE(headings_keep_their_first_lines) {
  Digest d = big_digest(4, 25);
  LaidOut out = layout_digest(d, fonts());
  for (const LaidOutPage& p : out.pages) {
    for (const TextRun& r : p.runs) {
      const bool group_heading = r.font == kBold && r.size == 16;
      const bool item_title = r.font == kBold && r.size == 11;
      if (!group_heading && !item_title) continue;
      // Below a heading on the same page: at least the meta line and two
      // lines of the first paragraph.
      int body_lines_below = 0;
      for (const TextRun& s : p.runs) {
        if (!is_footer(s) && s.y < r.y && s.font == kRegular) ++body_lines_below;
      }
      BOOST_TEST(body_lines_below >= 2, "heading left alone: " << r.text);
    }
  }
}

BOOST_AUTO_TEST_CASE(cover_lists_title_period_regions_count) {
  LaidOut out = layout_digest(big_digest(1, 1), fonts());
  std::vector<std::string> texts;
  for (const TextRun& r : out.pages[0].runs) {
    if (r.text.find_first_not_of('.') != std::string::npos) texts.push_back(r.text);  // no leaders
  }
  // The title is too wide for one line at its size: two bold lines.
  const std::vector<std::string> expected = {"Centroamérica — Resumen de",
                                             "boletines humanitarios",
                                             "julio de 2021",
                                             "Centroamérica",
                                             "60 boletines",
                                             "Contenido",
                                             "Costa Rica",
                                             "2",
                                             "Page 1 of 2"};
  BOOST_TEST(texts == expected, boost::test_tools::per_element());
  std::vector<const TextRun*> runs;  // leaders come first: skipped
  for (const TextRun& r : out.pages[0].runs) {
    if (r.text.find_first_not_of('.') != std::string::npos) runs.push_back(&r);
  }
  BOOST_TEST(runs[0]->font == kBold);
  BOOST_TEST(runs[1]->font == kBold);
  BOOST_TEST(runs[0]->y > runs[1]->y);
}

BOOST_AUTO_TEST_CASE(empty_digest_says_so) {
  Digest d = base_digest();
  LaidOut out = layout_digest(d, fonts());
  BOOST_REQUIRE(out.pages.size() == 2u);  // cover and body: no TOC without groups
  BOOST_TEST(out.outline.empty());
  const auto& runs = out.pages[1].runs;
  BOOST_REQUIRE(runs.size() == 2u);
  BOOST_TEST(runs[0].text == "No hay boletines en este período.");
  BOOST_TEST(runs[1].text == "Page 2 of 2");
  BOOST_TEST(out.pages[1].links.empty());
}

BOOST_AUTO_TEST_CASE(rtl_report_mirrors_the_contents_and_aligns_paragraphs_by_direction) {
  // Spanish text in a right-to-left report: the contents are mirrored
  // (names at the right, page numbers at the left); the report's own text
  // (cover, headings, the line under a title) is aligned right, by the
  // report's direction, and the bulletins' titles and paragraphs by their
  // own: these, left to right, at the left margin.
  Digest d = big_digest(3, 4);
  d.rtl = true;
  LaidOut out = layout_digest(d, fonts());
  check_margins(out);
  const double edge = out.width - kMargin;
  int numbers = 0, names = 0, bulletin_lines = 0, report_lines = 0;
  for (size_t p = 0; p < out.pages.size(); ++p) {
    struct Line {
      double left = 1e9, right = 0;
      bool bulletin = false;
    };
    std::map<double, Line> lines;  // by baseline
    for (const TextRun& r : out.pages[p].runs) {
      if (is_furniture(r)) continue;
      const bool toc_number = p == 0 && r.text.find_first_not_of("0123456789") == std::string::npos;
      if (r.text.find_first_not_of('.') == std::string::npos) continue;  // leaders
      if (toc_number) {
        ++numbers;
        BOOST_TEST(r.x == kMargin);
      } else if (p == 0 && r.size == 11) {
        ++names;
        BOOST_TEST(r.x + measure(r) == edge, boost::test_tools::tolerance(0.01));
      } else {
        Line& line = lines[r.y];
        line.left = std::min(line.left, r.x);
        line.right = std::max(line.right, r.x + measure(r));
        line.bulletin = line.bulletin || (r.size == 11 && r.font == kBold) ||
                        (r.size == 10 && r.font == kRegular);
      }
    }
    for (const auto& [y, line] : lines) {
      if (line.bulletin) {
        ++bulletin_lines;
        BOOST_TEST(line.left == kMargin, "page " << p << " y " << y);
      } else {
        ++report_lines;
        BOOST_TEST(line.right == edge, boost::test_tools::tolerance(0.01));
      }
    }
  }
  BOOST_TEST(names == 3);
  BOOST_TEST(numbers == 3);
  BOOST_TEST(bulletin_lines > 0);
  BOOST_TEST(report_lines > 0);
}

BOOST_AUTO_TEST_CASE(long_group_names_are_cut_in_the_toc) {
  Digest d = big_digest(2, 1);
  d.groups[0].name = lorem(40, 3);
  LaidOut out = layout_digest(d, fonts());
  check_margins(out);
  const auto& toc = out.pages[0];
  BOOST_TEST(toc.links.size() == 2u);
  bool cut = false;
  for (const TextRun& r : toc.runs) {
    cut = cut || (r.text.size() > 3 && r.text.substr(r.text.size() - 3) == "\u2026");
  }
  BOOST_TEST(cut);
}

// Marks: strong in the bold face, emphasis in the italic one, each run as
// wide as that face measures it, a long strong span cut at line ends, and a
// link area over the URL's text.
BOOST_AUTO_TEST_CASE(marks_draw_bold_italic_and_links) {
  Digest d = base_digest();
  const std::string strong = lorem(40, 3);  // several lines at 10 pt
  const std::string url = "https://example.org/es/guia";
  const std::string text =
      "Antes " + strong + " y luego unas palabras en cursiva al final; véase " + url + ".";
  const auto at = [&](const std::string& part) { return static_cast<uint32_t>(text.find(part)); };
  const uint32_t em = at("palabras en cursiva");
  DigestItem item;
  item.title = "Marcas";
  item.paragraphs = {text};
  item.marks = {
      {{at(strong), at(strong) + static_cast<uint32_t>(strong.size()), TextSpan::Strong, ""},
       {em, em + 19, TextSpan::Emphasis, ""},
       {at(url), at(url) + static_cast<uint32_t>(url.size()), TextSpan::Link, url}}};
  d.groups = {{"Panamá", {item}, {}, {}}};
  for (bool rtl : {false, true}) {
    d.rtl = rtl;
    LaidOut out = layout_digest(d, fonts());
    check_margins(out);  // widths measured with the face each run is drawn in
    std::string bold, italic, regular;
    std::map<double, int> bold_lines;  // baseline -> bold runs
    std::vector<UriLink> links;
    double url_x = -1, url_right = -1, url_y = 0;
    for (const LaidOutPage& p : out.pages) {
      for (const TextRun& r : p.runs) {
        if (r.size != 10) continue;  // the body
        if (r.font == kBold) {
          bold += (bold.empty() ? "" : " ") + r.text;
          ++bold_lines[r.y];
        }
        if (r.font == kItalic) italic += r.text;
        if (r.font == kRegular) regular += r.text;
        if (r.text.find(url) != std::string::npos) {
          const size_t at = r.text.find(url);
          url_x = r.x + units_of(r, 0, at) / 100.0;
          url_right = url_x + units_of(r, at, at + url.size()) / 100.0;
          url_y = r.y;
        }
      }
      links.insert(links.end(), p.uri_links.begin(), p.uri_links.end());
    }
    BOOST_TEST(bold == strong);  // all of it, and nothing else
    BOOST_TEST(bold_lines.size() >= 2u);
    BOOST_TEST(italic == "palabras en cursiva");
    BOOST_TEST(regular.find("Antes") != std::string::npos);
    BOOST_TEST(regular.find("cursiva") == std::string::npos);
    BOOST_REQUIRE(links.size() == 1u);
    BOOST_TEST(links[0].uri == url);
    BOOST_TEST(links[0].rect.left == url_x, boost::test_tools::tolerance(kEps));
    BOOST_TEST(links[0].rect.right == url_right, boost::test_tools::tolerance(kEps));
    BOOST_TEST(links[0].rect.bottom < url_y);
    BOOST_TEST(links[0].rect.top > url_y);
  }
}

// Breaking measures each word in the face it is drawn in: a paragraph all
// bold breaks where a bold one does, not where a regular one would.
BOOST_AUTO_TEST_CASE(strong_text_is_broken_with_bold_widths) {
  const std::string text = lorem(120, 1);
  Digest plain = base_digest();
  DigestItem item;
  item.title = "Negrita";
  item.paragraphs = {text};
  plain.groups = {{"Panamá", {item}, {}, {}}};
  Digest marked = plain;
  marked.groups[0].items[0].marks = {
      {{0, static_cast<uint32_t>(text.size()), TextSpan::Strong, ""}}};
  auto body_lines = [](const LaidOut& out, FontId font) {
    std::vector<std::string> lines;
    for (const LaidOutPage& p : out.pages) {
      for (const TextRun& r : p.runs) {
        if (r.size == 10 && r.font == font) lines.push_back(r.text);
      }
    }
    return lines;
  };
  LaidOut bold = layout_digest(marked, fonts());
  check_margins(bold);
  std::vector<std::string> lines = body_lines(bold, kBold);
  BOOST_TEST(body_lines(bold, kRegular).empty());
  BOOST_TEST(lines.size() > body_lines(layout_digest(plain, fonts()), kRegular).size());
  // Each line is as full as bold allows: the next word would not fit.
  const double width = paper_rect(Paper::A4).right - 2 * kMargin;
  for (size_t i = 0; i + 1 < lines.size(); ++i) {
    const std::string next = lines[i + 1].substr(0, lines[i + 1].find(' '));
    BOOST_TEST(test::nominal_units(fonts()[kBold], lines[i] + " " + next) / 100.0 > width);
  }
}

// The page limit (base/limits.h): a digest too large is refused, saying how
// many pages it would have.
BOOST_AUTO_TEST_CASE(page_limit) {
  Digest d = big_digest(3, 20);
  const int pages = static_cast<int>(layout_digest(d, fonts()).pages.size());
  LayoutOptions options;
  options.max_pages = pages;
  BOOST_TEST(static_cast<int>(layout_digest(d, fonts(), options).pages.size()) == pages);
  try {
    options.max_pages = pages - 1;
    layout_digest(d, fonts(), options);
    BOOST_ERROR("no Failure");
  } catch (const Failure& f) {
    BOOST_TEST(f.code() == kExitBadInput);
    BOOST_TEST(format_diagnostic(f.diag()) == "error: digest too large: " + std::to_string(pages) +
                                                  " pages, more than " + std::to_string(pages - 1) +
                                                  "; select a shorter period or fewer countries");
  }
}

// With a sink, each page of the body goes to it once, in order, as soon as
// it is done, with the runs and links it has without a sink but for the
// footer; the result keeps the cover, the contents and the footers.
BOOST_AUTO_TEST_CASE(body_pages_stream_to_a_sink) {
  struct Recorder : PageSink {
    std::vector<size_t> order;
    std::vector<LaidOutPage> pages;
    size_t elements_seen = 0;
    void page(size_t index, LaidOutPage&& page, const std::vector<Element>& elements) override {
      order.push_back(index);
      if (pages.size() <= index) pages.resize(index + 1);
      pages[index] = std::move(page);
      elements_seen = elements.size();
    }
  };
  Digest d = big_digest(3, 20);
  const LaidOut whole = layout_digest(d, fonts());
  Recorder sink;
  const LaidOut rest = layout_digest(d, fonts(), {}, &sink);
  BOOST_REQUIRE(rest.pages.size() == whole.pages.size());
  BOOST_REQUIRE(!sink.order.empty());
  const size_t first_body = sink.order.front();
  BOOST_TEST(first_body == 1u);  // after the cover, which holds the contents
  for (size_t k = 0; k < sink.order.size(); ++k) BOOST_TEST(sink.order[k] == first_body + k);
  BOOST_TEST(sink.order.back() + 1 == whole.pages.size());
  BOOST_TEST(rest.elements.size() == whole.elements.size());
  BOOST_TEST(sink.elements_seen <= rest.elements.size());
  for (size_t i = 0; i < whole.pages.size(); ++i) {
    BOOST_TEST_CONTEXT("page " << i + 1) {
      std::vector<const TextRun*> body, footer;
      for (const TextRun& r : whole.pages[i].runs) (is_footer(r) ? footer : body).push_back(&r);
      const std::vector<TextRun>& kept = rest.pages[i].runs;
      if (i < first_body) {
        BOOST_TEST(kept.size() == whole.pages[i].runs.size());
        continue;
      }
      const LaidOutPage& streamed = sink.pages[i];
      BOOST_TEST(kept.size() == footer.size());
      for (const TextRun& r : kept) BOOST_TEST(is_footer(r));
      BOOST_REQUIRE(streamed.runs.size() == body.size());
      for (size_t k = 0; k < body.size(); ++k) {
        BOOST_TEST(streamed.runs[k].text == body[k]->text);
        BOOST_TEST(streamed.runs[k].x == body[k]->x);
        BOOST_TEST(streamed.runs[k].y == body[k]->y);
        BOOST_TEST(streamed.runs[k].elem == body[k]->elem);
      }
      BOOST_TEST(streamed.uri_links.size() == whole.pages[i].uri_links.size());
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

// The cover's [cover] parts and the contents on it.
BOOST_AUTO_TEST_SUITE(layout_cover)

namespace {

const TextRun* run_with(const LaidOutPage& p, const std::string& text) {
  for (const TextRun& r : p.runs) {
    if (r.text == text) return &r;
  }
  return nullptr;
}

bool is_leader(const TextRun& r) {
  return !r.text.empty() && r.text.find_first_not_of('.') == std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_short_contents_goes_on_the_cover_with_dot_leaders) {
  Digest d = big_digest(3, 4);
  LaidOut out = layout_digest(d, fonts());
  check_margins(out);
  const LaidOutPage& cover = out.pages[0];
  BOOST_REQUIRE(run_with(cover, "Contenido"));
  BOOST_TEST(cover.links.size() == 3u);
  for (size_t g = 0; g < 3; ++g) {
    const TextRun* name = nullptr;
    for (const TextRun& r : cover.runs) {
      if (r.text == d.groups[g].name && r.size == 11) name = &r;
    }
    BOOST_REQUIRE(name);
    const TextRun* leader = nullptr;
    const TextRun* number = nullptr;
    for (const TextRun& r : cover.runs) {
      if (r.y != name->y || &r == name) continue;
      (is_leader(r) ? leader : number) = &r;
    }
    BOOST_REQUIRE(leader);
    BOOST_REQUIRE(number);
    // Dots from after the name to before the number, as page furniture.
    BOOST_TEST(leader->x > name->x + name->width);
    BOOST_TEST(leader->x + leader->width < number->x + 5);
    BOOST_TEST(leader->elem == kArtifact);
    BOOST_TEST(number->text == std::to_string(heading_page(out, d.groups[g].name, nullptr) + 1));
  }
  // The body starts on page 2.
  BOOST_TEST(heading_page(out, d.groups[0].name, nullptr) == 1);
}

BOOST_AUTO_TEST_CASE(a_long_contents_starts_on_a_page_of_its_own) {
  Digest d = big_digest(60, 1);
  LaidOut out = layout_digest(d, fonts());
  BOOST_TEST(!run_with(out.pages[0], "Contenido"));
  BOOST_TEST(run_with(out.pages[1], "Contenido"));
  BOOST_TEST(out.pages[0].links.empty());
}

BOOST_AUTO_TEST_CASE(the_contents_is_grouped_by_region) {
  Digest d = big_digest(4, 1);
  d.regions = {{"Norte", 0, 2}, {"Sur", 2, 4}};
  LaidOut out = layout_digest(d, fonts());
  check_margins(out);
  const LaidOutPage& cover = out.pages[0];
  const TextRun* north = run_with(cover, "Norte");
  const TextRun* south = run_with(cover, "Sur");
  BOOST_REQUIRE(north);
  BOOST_REQUIRE(south);
  BOOST_TEST(north->x == kMargin);
  BOOST_TEST(north->font == kBold);
  BOOST_TEST(north->y > south->y);
  int indented = 0;
  for (const TextRun& r : cover.runs) {
    if (r.size != 11 || is_leader(r) || r.text.find_first_not_of("0123456789") == std::string::npos)
      continue;
    if (r.y < north->y && r.y > south->y)
      BOOST_TEST((r.text == "Costa Rica" || r.text == "Guatemala"));
    if (r.y < south->y) BOOST_TEST((r.text == "Panamá" || r.text == "Honduras"));
    indented += r.x == kMargin + 14;
  }
  BOOST_TEST(indented == 4);
  BOOST_TEST(cover.links.size() == 4u);
}

BOOST_AUTO_TEST_CASE(the_logo_is_scaled_into_its_box_at_the_start_of_the_line) {
  for (bool rtl : {false, true}) {
    Digest d = big_digest(1, 1);
    d.rtl = rtl;
    d.logo.bytes = std::make_shared<const std::string>("stand-in");
    d.logo.width_px = 400;  // wider than the box allows: 3 x 40 points
    d.logo.height_px = 100;
    d.logo.box_height = 40;
    LayoutOptions tagged;
    tagged.tagged = true;
    LaidOut out = layout_digest(d, fonts(), tagged);
    BOOST_REQUIRE(out.pages[0].images.size() == 1u);
    const PlacedImage& im = out.pages[0].images[0];
    BOOST_TEST(im.rect.right - im.rect.left == 120, boost::test_tools::tolerance(kEps));
    BOOST_TEST(im.rect.top - im.rect.bottom == 30, boost::test_tools::tolerance(kEps));
    BOOST_TEST(im.rect.top == out.height - kMargin, boost::test_tools::tolerance(kEps));
    BOOST_TEST((rtl ? out.width - kMargin - im.rect.right : im.rect.left - kMargin) == 0,
               boost::test_tools::tolerance(kEps));
    BOOST_REQUIRE(im.elem > 0);
    BOOST_TEST((out.elements[im.elem].role == Role::Figure));
    for (size_t p = 1; p < out.pages.size(); ++p) BOOST_TEST(out.pages[p].images.empty());
  }
}

BOOST_AUTO_TEST_CASE(contact_and_disclaimer_end_the_cover_above_the_footer) {
  Digest d = big_digest(2, 1);
  d.issue_text = "Al 31 de julio de 2021";
  d.intro = {"Lo más destacado del mes."};
  d.contact = {"Oficina regional", "correo@example.org"};
  d.disclaimer = {"Sin garantía."};
  d.accent = 0x0a5b9c;
  d.has_accent = true;
  LaidOut out = layout_digest(d, fonts());
  check_margins(out);
  const LaidOutPage& cover = out.pages[0];
  const TextRun* issue = run_with(cover, "Al 31 de julio de 2021");
  const TextRun* contact = run_with(cover, "Oficina regional");
  const TextRun* mail = run_with(cover, "correo@example.org");
  const TextRun* disclaimer = run_with(cover, "Sin garantía.");
  BOOST_REQUIRE((issue && contact && mail && disclaimer));
  BOOST_TEST(contact->y > mail->y);
  BOOST_TEST(mail->y > disclaimer->y);
  BOOST_TEST(disclaimer->y > kMargin);       // above the footer
  BOOST_TEST(disclaimer->y < kMargin + 20);  // at the foot of the page
  BOOST_TEST(disclaimer->font == kItalic);
  // Every other line of the cover (the contents too) is above the contact.
  for (const TextRun& r : cover.runs) {
    if (&r == contact || &r == mail || &r == disclaimer || is_footer(r)) continue;
    BOOST_TEST(r.y > contact->y + 12, r.text);
  }
  // The accent colours the title and the headings, not the text.
  for (const TextRun& r : cover.runs) {
    if (r.size == 26) BOOST_TEST(r.rgb == 0x0a5b9cu);  // the title
  }
  BOOST_TEST(run_with(cover, "Contenido")->rgb == 0x0a5b9cu);
  BOOST_TEST(issue->rgb == 0u);
  double y = 0;
  const int page = heading_page(out, d.groups[0].name, &y);
  for (const TextRun& r : out.pages[page].runs) {
    if (r.y == y && r.text == d.groups[0].name) BOOST_TEST(r.rgb == 0x0a5b9cu);
  }
}

BOOST_AUTO_TEST_CASE(the_running_header_names_the_group_and_says_continued) {
  Digest d = big_digest(3, 12);
  for (DigestGroup& g : d.groups) g.continued = g.name + " (continued)";
  LaidOut out = layout_digest(d, fonts());
  const double header_y = out.height - kMargin + 22;
  auto header_of = [&](const LaidOutPage& p) {
    std::vector<const TextRun*> runs;
    for (const TextRun& r : p.runs) {
      if (r.y == header_y) runs.push_back(&r);
    }
    std::sort(runs.begin(), runs.end(), [](auto* a, auto* b) { return a->x < b->x; });
    return runs;
  };
  // No header on the cover and the contents.
  BOOST_TEST(header_of(out.pages[0]).empty());
  std::string current;  // the group of the last heading so far
  int continued = 0, fresh = 0;
  for (size_t p = 1; p < out.pages.size(); ++p) {
    // The page's first line and its group headings, top down.
    const TextRun* top = nullptr;
    std::vector<const TextRun*> headings;
    for (const TextRun& r : out.pages[p].runs) {
      if (is_furniture(r)) continue;
      if (!top || r.y > top->y) top = &r;
      if (r.font == kBold && r.size == 16) headings.push_back(&r);
    }
    std::sort(headings.begin(), headings.end(), [](auto* a, auto* b) { return a->y > b->y; });
    const std::vector<const TextRun*> header = header_of(out.pages[p]);
    if (current.empty() && headings.empty()) {
      BOOST_TEST(header.empty(), "page " << p);  // the contents
      continue;
    }
    BOOST_REQUIRE_GE(header.size(), 2u);
    std::string title, group;
    for (const TextRun* r : header) {
      BOOST_TEST(r->elem == kArtifact);
      BOOST_TEST(r->size == 8.0);
      (r->x < out.width / 2 ? title : group) += r->text;
    }
    BOOST_TEST(header.front()->x == kMargin);
    BOOST_TEST(header.back()->x + measure(*header.back()) == out.width - kMargin,
               boost::test_tools::tolerance(0.01));
    BOOST_TEST(title == d.title);
    const bool starts_group = !headings.empty() && headings.front() == top;
    const std::string want = starts_group ? headings.front()->text : current + " (continued)";
    BOOST_TEST(group == want, "page " << p);
    (starts_group ? fresh : continued) += 1;
    if (!headings.empty()) current = headings.back()->text;
  }
  BOOST_TEST(continued > 0);
  BOOST_TEST(fresh > 0);
  // Every page but the cover (which holds the contents) has a header.
  BOOST_TEST(fresh + continued == static_cast<int>(out.pages.size()) - 1);
}

BOOST_AUTO_TEST_CASE(lists_hang_their_labels_in_the_indent) {
  // In a left-to-right report with Spanish text and in a right-to-left one
  // with Arabic text: mirrored.
  for (bool rtl : {false, true}) {
    Digest d = base_digest();
    d.rtl = rtl;
    DigestItem item;
    item.title = rtl ? "\u062e\u062f\u0645\u0627\u062a" : "Servicios";
    item.lang = rtl ? "ar" : "es";
    item.paragraphs = {"Texto.", "Lo que ofrece", "Albergue", "Asesoría legal", "Uno", "Diez"};
    if (rtl) {
      item.paragraphs = {"\u0646\u0635",
                         "\u0639\u0646\u0648\u0627\u0646",
                         "\u0645\u0623\u0648\u0649",
                         "\u0645\u0634\u0648\u0631\u0629",
                         "\u0648\u0627\u062d\u062f",
                         "\u0639\u0634\u0631\u0629"};
    }
    item.kinds = {{},
                  {ParagraphKind::Heading, 2, 0},
                  {ParagraphKind::Bullet, 0, 0},
                  {ParagraphKind::Bullet, 1, 0},
                  {ParagraphKind::Numbered, 0, 9},
                  {ParagraphKind::Numbered, 0, 10}};
    d.groups = {{"Panamá", {item}, {}, {}}};
    LaidOut out = layout_digest(d, fonts());
    const LaidOutPage& body = out.pages.back();
    const std::vector<Element>& e = out.elements;
    auto role_of = [&](const TextRun* r) { return e[static_cast<size_t>(r->elem)].role; };
    auto parent_of = [&](int32_t i) { return e[static_cast<size_t>(i)].parent; };
    // A run's text is in the order of its glyphs: right to left, reversed.
    auto find = [&](const std::string& text) -> const TextRun* {
      std::u32string want;
      for (size_t i = 0; i < text.size();) {
        char32_t c;
        i += utf8_decode(std::string_view(text).substr(i), &c);
        want.push_back(c);
      }
      if (rtl) std::reverse(want.begin(), want.end());
      for (const TextRun& r : body.runs) {
        std::u32string got;
        for (size_t i = 0; i < r.text.size();) {
          char32_t c;
          i += utf8_decode(std::string_view(r.text).substr(i), &c);
          got.push_back(c);
        }
        if (got == want) return &r;
      }
      BOOST_FAIL("no run " << text);
      return nullptr;
    };
    std::vector<const TextRun*> labels;  // in drawing order: •, –, 9., 10.
    for (const TextRun& r : body.runs) {
      if (r.elem != kArtifact && role_of(&r) == Role::Lbl) labels.push_back(&r);
    }
    BOOST_REQUIRE_EQUAL(labels.size(), 4u);
    BOOST_TEST(labels[0]->text == "\u2022");
    BOOST_TEST(labels[1]->text == "\u2013");
    // Where a run starts, from the margin its line starts at; where a
    // label ends, toward the text.
    auto from_start = [&](const TextRun* r) {
      return rtl ? out.width - kMargin - (r->x + measure(*r)) : r->x - kMargin;
    };
    auto label_end = [&](const TextRun* r) {
      return rtl ? out.width - kMargin - r->x : r->x + measure(*r) - kMargin;
    };
    const std::vector<std::string>& p = item.paragraphs;
    const TextRun* heading = find(p[1]);
    BOOST_TEST(heading->font == kBold);
    BOOST_TEST(heading->size == 10.0);
    BOOST_TEST((role_of(heading) == Role::H4));
    BOOST_TEST(from_start(find(p[0])) == 0.0, boost::test_tools::tolerance(0.01));
    BOOST_TEST(from_start(find(p[2])) == 16.0, boost::test_tools::tolerance(0.01));
    BOOST_TEST(from_start(find(p[3])) == 32.0, boost::test_tools::tolerance(0.01));
    BOOST_TEST(label_end(labels[0]) == 11.0, boost::test_tools::tolerance(0.01));
    BOOST_TEST(label_end(labels[1]) == 27.0, boost::test_tools::tolerance(0.01));
    // Numbers line up on their ends, whatever their widths.
    BOOST_TEST(label_end(labels[2]) == 11.0, boost::test_tools::tolerance(0.01));
    BOOST_TEST(label_end(labels[3]) == 11.0, boost::test_tools::tolerance(0.01));
    BOOST_TEST(measure(*labels[3]) > measure(*labels[2]));
    // The structure: an L whose LIs have a Lbl and an LBody each; the
    // nested list in the first item's LBody; a new L for the numbers.
    const TextRun* shelter = find(p[2]);
    BOOST_TEST((role_of(shelter) == Role::LBody));
    const int32_t li = parent_of(labels[0]->elem);
    BOOST_TEST(parent_of(shelter->elem) == li);
    BOOST_TEST((e[static_cast<size_t>(li)].role == Role::LI));
    const int32_t list = parent_of(li);
    BOOST_TEST((e[static_cast<size_t>(list)].role == Role::L));
    const int32_t nested_li = parent_of(find(p[3])->elem);
    BOOST_TEST(parent_of(parent_of(nested_li)) == shelter->elem);  // an L in the LBody
    const int32_t numbers = parent_of(parent_of(find(p[4])->elem));
    BOOST_TEST((e[static_cast<size_t>(numbers)].role == Role::L));
    BOOST_TEST(numbers != list);
    BOOST_TEST(e[static_cast<size_t>(shelter->elem)].lang == item.lang);
  }
}

BOOST_AUTO_TEST_SUITE_END()
