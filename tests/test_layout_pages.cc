// Whole digests laid out: margins, page numbers, links, footers, rtl.
#include <boost/test/unit_test.hpp>

#include <map>
#include <string>
#include <vector>

#include "base/diag.h"
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
  d.footer = [](int page, int pages) {
    return "Page " + std::to_string(page) + " of " + std::to_string(pages);
  };
  return d;
}

Digest big_digest(int groups, int items) {
  Digest d = base_digest();
  const char* const kNames[] = {"Costa Rica", "Guatemala", "Panamá", "Honduras"};
  for (int g = 0; g < groups; ++g) {
    DigestGroup group{kNames[g % 4], {}, {}};
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

// Every run inside the margins, by widths measured here, not by the layout.
void check_margins(const LaidOut& out) {
  for (const LaidOutPage& p : out.pages) {
    for (const TextRun& r : p.runs) {
      BOOST_TEST(r.width == measure(r), boost::test_tools::tolerance(kEps));
      BOOST_TEST(r.x >= kMargin - kEps);
      BOOST_TEST(r.x + measure(r) <= out.width - kMargin + kEps,
                 "run passes the margin: " << r.text);
      BOOST_TEST(r.y >= 0.0);
      BOOST_TEST(r.y <= out.height - kMargin);
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

  // The TOC is page 2 (index 1): one linked line per group.
  const LaidOutPage& toc = out.pages[1];
  BOOST_TEST(toc.runs.front().text == "Contenido");
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
      if (&r != name_run && r.y == name_run->y) number_run = &r;
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
  for (const TextRun& r : out.pages[0].runs) texts.push_back(r.text);
  // The title is too wide for one line at its size: two bold lines.
  const std::vector<std::string> expected = {"Centroamérica — Resumen de",
                                             "boletines humanitarios",
                                             "julio de 2021",
                                             "Centroamérica",
                                             "60 boletines",
                                             "Page 1 of 3"};
  BOOST_TEST(texts == expected, boost::test_tools::per_element());
  BOOST_TEST(out.pages[0].runs[0].font == kBold);
  BOOST_TEST(out.pages[0].runs[1].font == kBold);
  BOOST_TEST(out.pages[0].runs[0].y > out.pages[0].runs[1].y);
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
  // (names at the right, page numbers at the left), and each paragraph is
  // aligned by its own direction: these, left to right, at the left margin.
  Digest d = big_digest(3, 4);
  d.rtl = true;
  LaidOut out = layout_digest(d, fonts());
  check_margins(out);
  const double edge = out.width - kMargin;
  int numbers = 0, names = 0;
  for (size_t p = 0; p < out.pages.size(); ++p) {
    std::map<double, double> line_left;  // baseline -> leftmost x
    for (const TextRun& r : out.pages[p].runs) {
      if (is_footer(r)) continue;
      const bool toc_number = p == 1 && r.text.find_first_not_of("0123456789") == std::string::npos;
      if (toc_number) {
        ++numbers;
        BOOST_TEST(r.x == kMargin);
      } else if (p == 1 && r.size == 11) {
        ++names;
        BOOST_TEST(r.x + measure(r) == edge, boost::test_tools::tolerance(0.01));
      } else {
        auto [it, fresh] = line_left.emplace(r.y, r.x);
        if (!fresh) it->second = std::min(it->second, r.x);
      }
    }
    for (const auto& [y, x] : line_left) BOOST_TEST(x == kMargin, "page " << p << " y " << y);
  }
  BOOST_TEST(names == 3);
  BOOST_TEST(numbers == 3);
}

BOOST_AUTO_TEST_CASE(long_group_names_are_cut_in_the_toc) {
  Digest d = big_digest(2, 1);
  d.groups[0].name = lorem(40, 3);
  LaidOut out = layout_digest(d, fonts());
  check_margins(out);
  const auto& toc = out.pages[1];
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
  d.groups = {{"Panamá", {item}, {}}};
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
  plain.groups = {{"Panamá", {item}, {}}};
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
  BOOST_TEST(static_cast<int>(layout_digest(d, fonts(), pages).pages.size()) == pages);
  try {
    layout_digest(d, fonts(), pages - 1);
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
  const LaidOut rest = layout_digest(d, fonts(), limits::kMaxPdfPages, &sink);
  BOOST_REQUIRE(rest.pages.size() == whole.pages.size());
  BOOST_REQUIRE(!sink.order.empty());
  const size_t first_body = sink.order.front();
  BOOST_TEST(first_body == 2u);  // after the cover and one page of contents
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
