#include "corpus/bulletin_file.h"

#include <algorithm>

#include <toml++/toml.h>

#include "base/limits.h"
#include "base/utf8.h"
#include "corpus/blocks.h"
#include "corpus/markdown.h"
#include "geo/geo.h"
#include "intl/text.h"
#include "spec/toml_reader.h"

namespace gz {
namespace {

using corpus_detail::line_col;
using spec_detail::check_toml_nesting;
using spec_detail::location_of;
using spec_detail::TableReader;
using spec_detail::with_article;

constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool is_fence(std::string_view line) {
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r'))
    line.remove_suffix(1);
  return line == "+++";
}

Date read_date(const toml::table& fm, const std::string& file) {
  const toml::node* n = fm.get("date");
  if (!n) fail(Location{file, 1, 1}, "missing required key 'date' in front matter");
  const Location at = location_of(n->source(), file);
  std::optional<Date> d;
  if (auto v = n->as_date()) {
    d = Date::from_ymd(v->get().year, v->get().month, v->get().day);
  } else if (auto dt = n->as_date_time()) {
    // The date part as written, whatever the offset: see web_dates.h.
    d = Date::from_ymd(dt->get().date.year, dt->get().date.month, dt->get().date.day);
  } else if (auto s = n->as_string()) {
    d = Date::parse_iso(s->get());
    if (!d) fail(at, "cannot read date '" + s->get() + "'", "expected YYYY-MM-DD");
  } else {
    fail(at, "'date' must be a date, not " + with_article(n->type()));
  }
  if (!d) fail(at, "no such date");
  return *d;
}

std::vector<std::string> read_countries(const std::vector<Spanned>& codes) {
  std::vector<std::string> out;
  for (const Spanned& c : codes) {
    std::string upper = c.text;
    for (char& ch : upper) ch = (ch >= 'a' && ch <= 'z') ? char(ch - 'a' + 'A') : ch;
    if (upper.size() == 2 && geo::is_country_code(upper)) {
      out.push_back(upper);
    } else if (auto a2 = geo::alpha2_of_alpha3(upper)) {
      out.push_back(*a2);
    } else {
      std::string hint;
      if (auto p = geo::resolve_place(c.text); p && p->is_country)
        hint = "write its ISO 3166 code '" + p->code + "'";
      fail(c.loc, "unknown country code '" + c.text + "'", std::move(hint));
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// The first error of a front matter, as a Failure (one per bad bulletin).
void fail_first(const Diagnostics& d) {
  std::vector<Diagnostic> items = d.items();
  std::stable_sort(items.begin(), items.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return a.loc.line != b.loc.line ? a.loc.line < b.loc.line : a.loc.col < b.loc.col;
  });
  throw Failure(items.front());
}

}  // namespace

Bulletin parse_bulletin_file(std::string_view text, const std::string& file,
                             const corpus_detail::ReadContext& ctx) {
  if (text.starts_with(kBom)) text.remove_prefix(kBom.size());
  if (size_t bad = utf8_first_invalid(text); bad != std::string_view::npos) {
    auto [line, col] = line_col(text, bad);
    fail({file, line, col}, "invalid UTF-8 at byte offset " + std::to_string(bad));
  }
  const size_t first_nl = text.find('\n');
  if (std::string_view first = text.substr(0, first_nl);
      first == "---" || first == "---\r")  // Hugo's and Jekyll's YAML front matter
    fail({file, 1, 1}, "front matter starts with '---' (YAML): expected TOML between '+++' lines",
         "write the fields as TOML (date = 2021-07-15, title = \"...\") between '+++' lines");
  if (!is_fence(text.substr(0, first_nl)))
    fail({file, 1, 1}, "expected front matter: a '+++' line, TOML, and another '+++' line");
  // Find the closing fence; the front matter is the lines between.
  size_t pos = first_nl == std::string_view::npos ? text.size() : first_nl + 1;
  size_t close = std::string_view::npos;
  while (pos < text.size()) {
    const size_t nl = text.find('\n', pos);
    const size_t end = nl == std::string_view::npos ? text.size() : nl;
    if (is_fence(text.substr(pos, end - pos))) {
      close = pos;
      break;
    }
    pos = end + 1;
  }
  if (close == std::string_view::npos)
    fail({file, 1, 1}, "front matter is not closed", "expected a '+++' line after it");
  const std::string_view front = text.substr(first_nl + 1, close - first_nl - 1);
  const size_t body_start = text.find('\n', close);
  const std::string_view body =
      body_start == std::string_view::npos ? std::string_view() : text.substr(body_start + 1);

  if (front.size() > limits::kMaxFrontMatterBytes)
    fail({file, 2, 1},
         "front matter too large: more than " + limits::bytes_text(limits::kMaxFrontMatterBytes));
  check_toml_nesting(front, file, 2);
  // A blank first line keeps toml++'s lines those of the file.
  toml::table fm;
  try {
    fm = toml::parse("\n" + std::string(front), std::string_view(file));
  } catch (const toml::parse_error& e) {
    fail(location_of(e.source(), file),
         "front matter is not TOML: " + std::string(e.description()));
  }

  Bulletin b;
  b.origin = {file, 1, 1};
  b.source = file;
  Diagnostics found;
  TableReader r(fm, "front matter", file, found);
  auto title = r.required_string("title");
  auto lang = r.string("lang");
  auto url = r.string("url");
  auto publisher = r.string("source");
  auto countries = r.strings("countries");
  auto tags = r.strings("tags");
  if (found.has_errors()) fail_first(found);
  b.date = read_date(fm, file);
  b.title = intl::normalize_text(title->text);
  if (b.title.empty()) fail(title->loc, "'title' must not be empty");
  b.lang = ctx.language(lang ? lang->text : "", lang ? lang->loc : Location{file, 1, 1});
  b.countries = read_countries(countries);
  if (url) b.url = url->text;
  if (publisher) b.publisher = intl::normalize_text(publisher->text);
  for (const Spanned& t : tags) b.tags.push_back(intl::normalize_text(t.text));
  corpus_detail::ParagraphBuilder paragraphs;
  corpus_detail::markdown_to_paragraphs(body, paragraphs);
  paragraphs.finish(b.paragraphs, b.marks, &b.kinds);
  return b;
}

}  // namespace gz
