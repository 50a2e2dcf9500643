#include "compose/compose.h"

#include <algorithm>
#include <map>
#include <stdexcept>

#include "base/diag.h"
#include "base/limits.h"
#include "base/url.h"
#include "corpus/markdown.h"
#include "geo/geo.h"
#include "intl/locale.h"

namespace gz {
namespace {

// An ICU locale id ("es_419") as a BCP 47 tag ("es-419"), as shaping takes
// languages.
std::string bcp47(std::string id) {
  std::replace(id.begin(), id.end(), '_', '-');
  return id;
}

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

// The key of the last group, "Other" in the report language (the catalogue's
// other_group): bulletins that name no country. "ZZ" is ICU's "Unknown
// Region", which no bulletin's country can be.
constexpr const char* kNoCountry = "ZZ";

// Marks are copied kind for kind.
static_assert(int(TextMark::Emphasis) == int(TextSpan::Emphasis) &&
              int(TextMark::Strong) == int(TextSpan::Strong) &&
              int(TextMark::Link) == int(TextSpan::Link));

// A paragraph's bare URLs become links (unless a link covers them already),
// so that every web address in the digest opens and looks like one.
void link_bare_urls(const std::string& text, std::vector<TextSpan>& marks,
                    std::vector<UrlSpan>& scratch) {
  if (text.find("://") == std::string::npos) return;
  scratch.clear();
  find_urls(text, scratch);
  for (const UrlSpan& u : scratch) {
    const bool linked = std::any_of(marks.begin(), marks.end(), [&](const TextSpan& m) {
      return m.kind == TextSpan::Link && m.begin < u.end && u.begin < m.end;
    });
    if (linked) continue;
    TextSpan link{u.begin, u.end, TextSpan::Link, text.substr(u.begin, u.end - u.begin)};
    auto at = std::upper_bound(marks.begin(), marks.end(), u.begin,
                               [](uint32_t pos, const TextSpan& m) { return pos < m.begin; });
    marks.insert(at, std::move(link));
  }
}

// Plain text as paragraphs, one per non-blank line.
std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  size_t at = 0;
  while (at <= text.size()) {
    size_t end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(at, end - at);
    const size_t first = line.find_first_not_of(" \t\r");
    if (first != std::string::npos) {
      line = line.substr(first, line.find_last_not_of(" \t\r") - first + 1);
      out.push_back(std::move(line));
    }
    at = end + 1;
  }
  return out;
}

// [cover]: the issue date, the logo, the introduction (Markdown), the
// contact and the disclaimer, the accent colour.
void add_cover(const Spec& spec, const Period& period, const intl::Formatter& fmt, Digest& d) {
  const CoverSpec& c = spec.cover;
  d.issue_text = fmt.text_message("as_of", {{"date", fmt.date(c.as_of ? *c.as_of : period.last)}});
  if (c.logo) {
    d.logo.bytes = c.logo;
    d.logo.png = c.logo_png;
    d.logo.width_px = c.logo_width_px;
    d.logo.height_px = c.logo_height_px;
    d.logo.box_height = c.logo_height;
    d.logo.alt = c.logo_alt.empty() ? spec.title : c.logo_alt;
  }
  if (!c.intro.empty()) {
    corpus_detail::ParagraphBuilder b;
    corpus_detail::markdown_to_paragraphs(c.intro, b);
    std::vector<std::vector<TextMark>> marks;
    b.finish(d.intro, marks);
    d.intro_marks.resize(marks.size());
    for (size_t i = 0; i < marks.size(); ++i) {
      for (const TextMark& m : marks[i]) {
        d.intro_marks[i].push_back({m.begin, m.end, static_cast<TextSpan::Kind>(m.kind), m.url});
      }
    }
  }
  d.contact = lines_of(c.contact);
  d.disclaimer = lines_of(c.disclaimer);
  if (c.accent) {
    d.accent = *c.accent;
    d.has_accent = true;
  }
}

// The "At a glance" page's counts. Per group: the bulletins listed under it
// (printed or cross-referenced), so a bulletin of several countries counts
// under each, as a reader counts them in the body. Per time slot: each
// bulletin once, by its date. Slots are ISO weeks (Monday to Sunday) for a
// period up to two months, else months (years beyond three years), cut to
// the period; empty slots stay, so the chart shows the gaps.
void add_glance(const Period& whole, const std::vector<const Bulletin*>& selected,
                const std::vector<size_t>& group_sizes, const intl::Formatter& fmt, Digest& d) {
  DigestGlance& g = d.glance;
  const int64_t months = int64_t(whole.last.ymd().year - whole.first.ymd().year) * 12 +
                         (whole.last.ymd().month - whole.first.ymd().month) + 1;
  const enum {
    Week,
    Month,
    Year
  } unit = whole.last.days() - whole.first.days() < 62 ? Week
           : months <= 36                              ? Month
                                                       : Year;
  // By year, from the first bulletin's year to the last's: a period of
  // centuries would draw a column per empty year.
  Period period = whole;
  if (unit == Year && !selected.empty()) {
    auto [lo, hi] =
        std::minmax_element(selected.begin(), selected.end(),
                            [](const Bulletin* x, const Bulletin* y) { return x->date < y->date; });
    period.first = std::max(whole.first, *Date::from_ymd((*lo)->date.ymd().year, 1, 1));
    period.last = std::min(whole.last, *Date::from_ymd((*hi)->date.ymd().year, 12, 31));
    if (period.last < period.first) period = whole;
  }
  const int64_t first = period.first.days(), last = period.last.days();
  const Ymd a = period.first.ymd(), b = period.last.ymd();
  // 1970-01-01 was a Thursday: day n is weekday (n + 3) mod 7, Monday 0.
  const int64_t week0 = first - ((first + 3) % 7 + 7) % 7;
  auto slot_of = [&](Date day) -> int64_t {
    const Ymd y = day.ymd();
    switch (unit) {
      case Week:
        return (day.days() - week0) / 7;
      case Month:
        return int64_t(y.year - a.year) * 12 + (y.month - a.month);
      case Year:
        break;
    }
    return y.year - a.year;
  };
  const int64_t slots = slot_of(period.last) + 1;
  std::vector<int64_t> counts(static_cast<size_t>(slots), 0);
  for (const Bulletin* bulletin : selected) {
    const int64_t s = slot_of(bulletin->date);
    if (period.contains(bulletin->date) && s >= 0 && s < slots) ++counts[static_cast<size_t>(s)];
  }
  const char* skeleton = unit == Week       ? "MMMd"
                         : unit == Year     ? "y"
                         : a.year == b.year ? "MMM"
                                            : "yMMM";
  for (int64_t s = 0; s < slots; ++s) {
    Date from, to;
    if (unit == Week) {
      from = Date::from_days(std::max(first, week0 + 7 * s));
      to = Date::from_days(std::min(last, week0 + 7 * s + 6));
    } else {
      const int y = a.year + static_cast<int>(unit == Year ? s : (a.month - 1 + s) / 12);
      const int m = unit == Year ? 1 : static_cast<int>((a.month - 1 + s) % 12) + 1;
      from = std::max(period.first, *Date::from_ymd(y, m, 1));
      to = std::min(period.last, *Date::from_ymd(y, unit == Year ? 12 : m,
                                                 unit == Year ? 31 : days_in_month(y, m)));
    }
    const int64_t n = counts[static_cast<size_t>(s)];
    g.times.push_back(
        {fmt.period({from, to}), fmt.date_skeleton(from, skeleton), fmt.number(n), n});
  }
  size_t listed = 0;
  for (size_t i = 0; i < group_sizes.size(); ++i) {
    const auto n = static_cast<int64_t>(group_sizes[i]);
    g.groups.push_back({d.groups[i].name, {}, fmt.number(n), n});
    listed += group_sizes[i];
  }
  g.heading = fmt.message("glance");
  g.by_time_text = fmt.message(unit == Week    ? "glance_by_week"
                               : unit == Month ? "glance_by_month"
                                               : "glance_by_year");
  g.time_header = fmt.message(unit == Week    ? "glance_week"
                              : unit == Month ? "glance_month"
                                              : "glance_year");
  g.by_group_text = fmt.message("glance_by_country");
  g.group_header = fmt.message("glance_country");
  g.count_header = fmt.message("glance_count");
  if (listed > selected.size()) g.note = fmt.message("glance_note");
}

}  // namespace

PageNumbers page_numbers(const intl::Formatter& fmt) {
  PageNumbers n;
  n.digits = fmt.digits();
  for (intl::Formatter::Piece& piece : fmt.message_pieces("page_of")) {
    if (piece.arg.empty()) {
      n.footer.push_back({PageNumbers::Piece::Text, std::move(piece.text)});
    } else if (piece.arg == "page" || piece.arg == "pages") {
      n.footer.push_back(
          {piece.arg == "page" ? PageNumbers::Piece::Page : PageNumbers::Piece::Pages, {}});
    } else {
      throw std::logic_error("page_of names '{" + piece.arg + "}', not {page} or {pages}");
    }
  }
  return n;
}

void check_digest_size(const Spec& spec, const Selection& sel,
                       const std::vector<const Bulletin*>& selected) {
  // Each placement copies the bulletin's text, so a digest can outgrow its
  // listings many times over (a bulletin naming 200 countries): count first.
  size_t bytes = 0, entries = 0;
  for (const Bulletin* b : selected) {
    size_t placements = 0;
    for (const auto& c : b->countries) placements += sel.all_countries || sel.countries.count(c);
    placements = std::max<size_t>(placements, 1);  // else under "no country"
    size_t text = b->title.size();
    for (const auto& p : b->paragraphs) text += p.size();
    entries += placements;
    bytes += placements * text;
  }
  if (entries > limits::kMaxDigestEntries) {
    fail({spec.file, 0, 0},
         "digest too large: " + std::to_string(entries) + " entries, more than " +
             std::to_string(limits::kMaxDigestEntries) +
             " (a bulletin counts once per country it is listed under)",
         "select a shorter period or fewer countries");
  }
  if (bytes > limits::kMaxDigestBytes) {
    fail({spec.file, 0, 0},
         "digest too large: " + std::to_string(bytes) + " bytes of text, more than " +
             limits::bytes_text(limits::kMaxDigestBytes),
         "select a shorter period or fewer countries");
  }
}

Digest build_digest(const Spec& spec, const Selection& sel, const Period& period,
                    const std::vector<const Bulletin*>& selected, const intl::Formatter& fmt,
                    DigestAbout* about) {
  const std::string& locale = fmt.locale();
  intl::Collator collator(locale);
  std::map<std::string, std::string> names;  // code -> name in the report locale
  auto name_of = [&](const std::string& code) -> const std::string& {
    auto it = names.find(code);
    if (it == names.end())
      it = names
               .emplace(code, code == kNoCountry ? fmt.message("other_group")
                                                 : geo::display_name(code, locale))
               .first;
    return it->second;
  };

  // Many bulletins share a day (and a bulletin naming several countries is
  // listed under each): each day's text is formatted once, by ICU.
  std::map<int64_t, std::string> dates;  // days -> text
  auto date_of = [&](Date day) -> const std::string& {
    auto it = dates.find(day.days());
    if (it == dates.end()) it = dates.emplace(day.days(), fmt.date(day)).first;
    return it->second;
  };

  // "Source: IOM", formatted once per publisher; "Read more" once.
  std::map<std::string, std::string> source_lines;
  auto source_line_of = [&](const std::string& publisher) -> const std::string& {
    auto it = source_lines.find(publisher);
    if (it == source_lines.end())
      it = source_lines
               .emplace(publisher, fmt.text_message("source_line", {{"publisher", publisher}}))
               .first;
    return it->second;
  };
  const std::string read_more = fmt.message("read_more");
  // "in Spanish", once per language of the bulletins.
  std::map<std::string, std::string> language_texts;
  auto language_text_of = [&](const std::string& lang) -> const std::string& {
    auto it = language_texts.find(lang);
    if (it == language_texts.end()) {
      const std::string name = intl::other_language_name(lang, locale);
      it = language_texts
               .emplace(lang, name.empty() ? std::string()
                                           : fmt.text_message("in_language", {{"language", name}}))
               .first;
    }
    return it->second;
  };
  std::vector<UrlSpan> url_scratch;

  check_digest_size(spec, sel, selected);
  std::map<std::string, std::vector<const Bulletin*>> by_country;
  for (const Bulletin* b : selected) {
    bool placed = false;
    for (const auto& c : b->countries) {
      if (sel.all_countries || sel.countries.count(c)) {
        by_country[c].push_back(b);
        placed = true;
      }
    }
    if (!placed) by_country[kNoCountry].push_back(b);
  }

  Digest d;
  d.title = spec.title;
  d.period_text = fmt.period(period);
  d.regions_text =
      sel.all_countries ? geo::display_name("001", locale) : join(sel.region_names, ", ");
  d.count_text = fmt.message("bulletins", {{"count", int64_t(selected.size())}});
  d.contents_text = fmt.message("contents");
  d.empty_text = fmt.message("no_bulletins");
  d.see_also_text = fmt.message("see_also");
  d.paper = spec.paper;
  d.rtl = intl::is_rtl_locale(locale);
  d.lang = bcp47(locale);
  d.page_numbers = page_numbers(fmt);

  std::vector<std::string> codes;
  for (const auto& [code, list] : by_country) codes.push_back(code);
  // With several regions, groups come region by region (a country in the
  // first region that has it), then those of no region; "Other" last.
  const bool by_region = sel.region_countries.size() > 1;
  std::map<std::string, size_t> region_of;
  if (by_region) {
    for (const std::string& code : codes) {
      size_t r = 0;
      while (r < sel.region_countries.size() && !sel.region_countries[r].second.count(code)) ++r;
      region_of[code] = code == kNoCountry ? sel.region_countries.size() + 1 : r;
    }
  }
  std::stable_sort(codes.begin(), codes.end(), [&](const std::string& a, const std::string& b) {
    if ((a == kNoCountry) != (b == kNoCountry)) return b == kNoCountry;  // "unknown" last
    if (by_region && region_of[a] != region_of[b]) return region_of[a] < region_of[b];
    return collator.less(name_of(a), name_of(b));
  });
  if (by_region) {
    for (size_t i = 0; i < codes.size(); ++i) {
      const size_t r = region_of[codes[i]];
      if (i > 0 && region_of[codes[i - 1]] == r) {
        d.regions.back().end = i + 1;
        continue;
      }
      const bool named = r < sel.region_countries.size();
      d.regions.push_back({named ? sel.region_countries[r].first : std::string(), i, i + 1});
    }
  }
  std::vector<std::string> keyword_names;
  // Where each bulletin of several groups was printed: once, in the first
  // of its groups, unless the spec repeats it ([layout] repeat_multi_country).
  std::map<const Bulletin*, std::pair<size_t, size_t>> printed;
  for (const auto& code : codes) {
    auto list = by_country[code];
    std::stable_sort(list.begin(), list.end(), [&](const Bulletin* a, const Bulletin* b) {
      if (a->date != b->date) return a->date > b->date;
      return collator.less(a->title, b->title);
    });
    DigestGroup g;
    g.name = name_of(code);
    g.continued = fmt.text_message("continued", {{"group", g.name}});
    g.items.reserve(list.size());  // exactly: the items are most of a long digest's memory
    if (code != kNoCountry) keyword_names.push_back(g.name);
    for (const Bulletin* b : list) {
      if (!spec.repeat_multi_country && b->countries.size() > 1) {
        auto [at, first] = printed.try_emplace(b, d.groups.size(), g.items.size());
        if (!first) {
          g.xrefs.push_back({b->title, at->second.first, at->second.second});
          continue;
        }
      }
      DigestItem item;
      item.title = b->title;
      item.date_text = date_of(b->date);
      std::vector<std::string> cn;
      for (const auto& c : b->countries) cn.push_back(name_of(c));
      std::sort(cn.begin(), cn.end(), [&](auto& x, auto& y) { return collator.less(x, y); });
      item.countries_text = join(cn, ", ");
      item.shared_paragraphs = &b->paragraphs;  // selected outlives the digest
      item.kinds = b->kinds;
      item.marks.resize(b->marks.size());
      for (size_t i = 0; i < b->marks.size(); ++i) {
        for (const TextMark& m : b->marks[i]) {
          item.marks[i].push_back({m.begin, m.end, static_cast<TextSpan::Kind>(m.kind), m.url});
        }
      }
      for (size_t i = 0; i < b->paragraphs.size(); ++i) {
        if (b->paragraphs[i].find("://") == std::string::npos) continue;
        item.marks.resize(b->paragraphs.size());
        link_bare_urls(b->paragraphs[i], item.marks[i], url_scratch);
      }
      if (!b->publisher.empty()) item.source_text = source_line_of(b->publisher);
      if (is_web_url(b->url)) {
        if (!item.source_text.empty()) item.source_text += " \u00b7 ";
        const auto begin = static_cast<uint32_t>(item.source_text.size());
        item.source_text += read_more;
        item.source_marks.push_back(
            {begin, static_cast<uint32_t>(item.source_text.size()), TextSpan::Link, b->url});
      }
      item.origin = b->origin;
      item.lang = bcp47(b->lang);
      item.language_text = language_text_of(item.lang);
      g.items.push_back(std::move(item));
    }
    d.groups.push_back(std::move(g));
  }
  if (about) {
    about->subject = d.period_text + " — " + d.regions_text;
    about->keywords = join(keyword_names, ", ");
  }
  add_cover(spec, period, fmt, d);
  if (spec.glance && !d.groups.empty()) {
    std::vector<size_t> group_sizes;
    for (const auto& code : codes) group_sizes.push_back(by_country[code].size());
    add_glance(period, selected, group_sizes, fmt, d);
  }
  return d;
}

}  // namespace gz
