#include "corpus/reliefweb.h"

#include <algorithm>

#include <json/json.h>

#include "base/limits.h"
#include "base/utf8.h"
#include "corpus/blocks.h"
#include "corpus/html_text.h"
#include "corpus/markdown.h"
#include "corpus/web_dates.h"
#include "geo/geo.h"
#include "intl/text.h"

namespace gz {
namespace {

using corpus_detail::line_col;

const char* kind_of(const Json::Value& v) {
  switch (v.type()) {
    case Json::nullValue:
      return "null";
    case Json::intValue:
    case Json::uintValue:
    case Json::realValue:
      return "a number";
    case Json::stringValue:
      return "a string";
    case Json::booleanValue:
      return "a boolean";
    case Json::arrayValue:
      return "an array";
    case Json::objectValue:
      return "an object";
  }
  return "a value";
}

// Reads one JSON text, reporting at the place of each value.
class JsonDoc {
 public:
  JsonDoc(std::string_view text, const std::string& file) : lines_(text), file_(file) {}

  // Reports are read in file order: each position is counted on from the
  // last one (linear in all), not from the start of the file.
  Location at(const Json::Value& v) const {
    auto [line, col] = lines_.at(size_t(std::max<ptrdiff_t>(0, v.getOffsetStart())));
    return {file_, line, col};
  }
  [[noreturn]] void shape(const Json::Value& v, const std::string& path, const char* want) const {
    fail(at(v), path + ": expected " + want + ", found " + kind_of(v));
  }
  // The member of object v, which must have type want (or be absent: null).
  const Json::Value& member(const Json::Value& v, const std::string& path, const char* key,
                            Json::ValueType want, const char* want_text) const {
    const Json::Value& m = v[key];
    if (!m.isNull() && m.type() != want) shape(m, path + "." + key, want_text);
    return m;
  }
  const Json::Value& string(const Json::Value& v, const std::string& path, const char* key) const {
    return member(v, path, key, Json::stringValue, "a string");
  }
  const Json::Value& object(const Json::Value& v, const std::string& path, const char* key) const {
    return member(v, path, key, Json::objectValue, "an object");
  }
  const Json::Value& array(const Json::Value& v, const std::string& path, const char* key) const {
    return member(v, path, key, Json::arrayValue, "an array");
  }

 private:
  mutable corpus_detail::LineCounter lines_;
  const std::string& file_;
};

std::string nth(const std::string& path, Json::ArrayIndex i) {
  return path + "[" + std::to_string(i) + "]";
}

// The string field of each object of an array field: country[].iso3.
std::vector<std::pair<const Json::Value*, std::string>> strings_of(const JsonDoc& doc,
                                                                   const Json::Value& fields,
                                                                   const std::string& path,
                                                                   const char* array,
                                                                   const char* key) {
  std::vector<std::pair<const Json::Value*, std::string>> out;
  const Json::Value& a = doc.array(fields, path, array);
  for (Json::ArrayIndex i = 0; i < a.size(); ++i) {
    const std::string p = nth(path + "." + array, i);
    if (!a[i].isObject()) doc.shape(a[i], p, "an object");
    const Json::Value& s = doc.string(a[i], p, key);
    if (s.isString()) out.emplace_back(&s, s.asString());
  }
  return out;
}

Bulletin read_report(const JsonDoc& doc, const Json::Value& item, const std::string& path,
                     const std::string& file, const corpus_detail::ReadContext& ctx) {
  if (!item.isObject()) doc.shape(item, path, "an object");
  const Json::Value& fields = item["fields"];
  if (!fields.isObject()) {
    if (fields.isNull()) fail(doc.at(item), path + ": missing 'fields'");
    doc.shape(fields, path + ".fields", "an object");
  }
  const std::string fp = path + ".fields";
  Bulletin b;
  b.origin = doc.at(item);
  b.source = file;

  const Json::Value& title = doc.string(fields, fp, "title");
  if (title.isNull()) fail(doc.at(fields), fp + ": missing 'title'");
  b.title = intl::normalize_text(title.asString());
  if (b.title.empty()) fail(doc.at(title), fp + ".title: must not be empty");

  const Json::Value& date = doc.object(fields, fp, "date");
  if (date.isNull()) fail(doc.at(fields), fp + ": missing 'date'");
  const char* which = date.isMember("original") ? "original" : "created";
  const Json::Value& when = doc.string(date, fp + ".date", which);
  if (when.isNull()) fail(doc.at(date), fp + ".date: missing 'original' or 'created'");
  auto d = corpus_detail::parse_rfc3339_date(when.asString());
  if (!d)
    fail(doc.at(when),
         fp + ".date." + which + ": cannot read '" + when.asString() + "' as an RFC 3339 date",
         "expected a date like '2021-08-02T10:00:00+00:00'");
  b.date = *d;

  corpus_detail::ParagraphBuilder body;
  const Json::Value& html = doc.string(fields, fp, "body-html");
  const Json::Value& text = doc.string(fields, fp, "body");
  if (html.isString()) {
    corpus_detail::html_to_paragraphs(html.asString(), body, doc.at(html));
  } else if (text.isString()) {
    corpus_detail::markdown_to_paragraphs(text.asString(), body);
  }
  body.finish(b.paragraphs, b.marks, &b.kinds);

  auto countries = strings_of(doc, fields, fp, "country", "iso3");
  if (countries.empty()) {
    const Json::Value& primary = doc.object(fields, fp, "primary_country");
    if (primary.isObject()) {
      const Json::Value& iso3 = doc.string(primary, fp + ".primary_country", "iso3");
      if (iso3.isString()) countries.emplace_back(&iso3, iso3.asString());
    }
  }
  for (const auto& [value, code] : countries) {
    if (code == "wld" || code == "WLD") continue;  // ReliefWeb's "World"
    auto a2 = geo::alpha2_of_alpha3(code);
    if (!a2) fail(doc.at(*value), "unknown ISO 3166 alpha-3 country code '" + code + "'");
    b.countries.push_back(*a2);
  }
  std::sort(b.countries.begin(), b.countries.end());
  b.countries.erase(std::unique(b.countries.begin(), b.countries.end()), b.countries.end());

  auto langs = strings_of(doc, fields, fp, "language", "code");
  b.lang = ctx.language(langs.empty() ? "" : langs.front().second,
                        langs.empty() ? doc.at(item) : doc.at(*langs.front().first));
  for (const auto& [value, name] : strings_of(doc, fields, fp, "source", "shortname"))
    b.publisher += (b.publisher.empty() ? "" : ", ") + intl::normalize_text(name);
  for (const auto& [value, name] : strings_of(doc, fields, fp, "theme", "name"))
    b.tags.push_back(intl::normalize_text(name));
  const Json::Value& url = doc.string(fields, fp, "url");
  const Json::Value& alias = doc.string(fields, fp, "url_alias");
  b.url = url.isString() ? url.asString() : alias.isString() ? alias.asString() : "";
  return b;
}

// jsoncpp's reader recurses once per array or object and gives up at 1,000
// levels by throwing: arrays and objects nested deeper than
// limits::kMaxJsonNesting are refused first, at the bracket that goes too
// deep. A linear scan that skips strings; syntax is jsoncpp's to check.
void check_json_nesting(std::string_view text, const std::string& file) {
  size_t depth = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      for (++i; i < text.size() && text[i] != '"'; ++i)
        if (text[i] == '\\') ++i;
    } else if (c == '[' || c == '{') {
      if (++depth > limits::kMaxJsonNesting) {
        auto [line, col] = line_col(text, i);
        fail({file, line, col}, "arrays and objects nest more than " +
                                    std::to_string(limits::kMaxJsonNesting) + " deep");
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
}

}  // namespace

std::vector<Bulletin> parse_reliefweb(std::string_view text, const std::string& file,
                                      const corpus_detail::ReadContext& ctx) {
  if (size_t bad = utf8_first_invalid(text); bad != std::string_view::npos) {
    auto [line, col] = line_col(text, bad);
    fail({file, line, col}, "invalid UTF-8 at byte offset " + std::to_string(bad));
  }
  check_json_nesting(text, file);
  // Json::Reader, unlike CharReader, reports errors with their byte offset.
  Json::Reader reader(Json::Features::strictMode());
  Json::Value root;
  bool parsed = false;
  try {
    parsed = reader.parse(text.data(), text.data() + text.size(), root, false);
  } catch (const std::exception& e) {  // jsoncpp's own limits, past ours
    fail({file, 1, 1}, std::string("not valid JSON: ") + e.what());
  }
  if (!parsed) {
    auto errors = reader.getStructuredErrors();
    size_t offset = errors.empty() ? 0 : size_t(std::max<ptrdiff_t>(0, errors[0].offset_start));
    auto [line, col] = line_col(text, offset);
    std::string what = errors.empty() ? "syntax error" : errors[0].message;
    fail({file, line, col}, "not valid JSON: " + what);
  }
  // Json::Reader stops after the root value; text after it is an error.
  const size_t end = size_t(std::max<ptrdiff_t>(0, root.getOffsetLimit()));
  if (size_t extra = text.find_first_not_of(" \t\r\n", end); extra != std::string_view::npos) {
    auto [line, col] = line_col(text, extra);
    fail({file, line, col}, "not valid JSON: text after the end of the document");
  }
  const JsonDoc doc(text, file);
  if (!root.isObject()) doc.shape(root, "(root)", "an object with a 'data' array");
  const Json::Value& data = root["data"];
  if (data.isNull())
    fail(doc.at(root), "(root): missing 'data'", "expected a ReliefWeb API response");
  if (!data.isArray()) doc.shape(data, "data", "an array");
  std::vector<Bulletin> out;
  out.reserve(data.size());
  for (Json::ArrayIndex i = 0; i < data.size(); ++i) {
    ctx.guard([&] { out.push_back(read_report(doc, data[i], nth("data", i), file, ctx)); });
  }
  return out;
}

}  // namespace gz
