#include "spec/spec.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "base/limits.h"
#include "base/utf8.h"
#include "spec/toml_reader.h"

namespace gz {
namespace {

using spec_detail::check_toml_nesting;
using spec_detail::location_of;
using spec_detail::read_tls_trust;
using spec_detail::string_array;
using spec_detail::TableReader;
using spec_detail::with_article;

// Line and code-point column of byte offset in text, whose bytes before
// offset are valid UTF-8.
Location position_of(std::string_view text, size_t offset, const std::string& file) {
  std::string_view before = text.substr(0, offset);
  size_t nl = before.rfind('\n');
  size_t line_start = nl == std::string_view::npos ? 0 : nl + 1;
  int line = 1 + int(std::count(before.begin(), before.end(), '\n'));
  return {file, line, 1 + int(utf8_length(before.substr(line_start)))};
}

constexpr SourceFormat kFormats[] = {SourceFormat::Listing,   SourceFormat::Bulletin,
                                     SourceFormat::ReliefWeb, SourceFormat::Rss,
                                     SourceFormat::Atom,      SourceFormat::Index};

SourceFormat read_format(TableReader& r) {
  auto f = r.string("format");
  if (!f) return SourceFormat::Auto;
  std::vector<std::string> names;
  for (SourceFormat k : kFormats) {
    if (f->text == format_name(k)) return k;
    names.push_back(format_name(k));
  }
  std::string hint = did_you_mean(f->text, names);
  if (hint.empty()) hint = "expected 'listing', 'bulletin', 'reliefweb', 'rss', 'atom' or 'index'";
  r.error(f->loc, "unknown format '" + f->text + "'", std::move(hint));
  return SourceFormat::Auto;
}

OnBadBulletin read_on_bad_bulletin(TableReader& r) {
  auto v = r.string("on_bad_bulletin");
  if (!v || v->text == "fail") return OnBadBulletin::Fail;
  if (v->text == "skip") return OnBadBulletin::Skip;
  std::string hint = did_you_mean(v->text, {"fail", "skip"});
  if (hint.empty()) hint = "expected 'fail' or 'skip'";
  r.error(v->loc, "unknown on_bad_bulletin '" + v->text + "'", std::move(hint));
  return OnBadBulletin::Fail;
}

CountriesFrom read_countries_from(TableReader& r) {
  auto v = r.string("countries_from");
  if (!v) return CountriesFrom::TitleThenBody;
  std::vector<std::string> names;
  for (CountriesFrom c :
       {CountriesFrom::TitleThenBody, CountriesFrom::Title, CountriesFrom::None}) {
    if (v->text == countries_from_name(c)) return c;
    names.push_back(countries_from_name(c));
  }
  std::string hint = did_you_mean(v->text, names);
  if (hint.empty()) hint = "expected 'title-then-body', 'title' or 'none'";
  r.error(v->loc, "unknown countries_from '" + v->text + "'", std::move(hint));
  return CountriesFrom::TitleThenBody;
}

// A fetched source's URL: http or https with a host, no credentials, no
// white space; http only for a loopback host unless allow_http.
bool check_fetch_url(const Spanned& url, bool allow_http, const char* key, Diagnostics& diags) {
  const std::string& u = url.text;
  const bool https = u.starts_with("https://"), http = u.starts_with("http://");
  if (!https && !http) {
    diags.error(url.loc, std::string("'") + key + "' must start with https://, not '" + u + "'");
    return false;
  }
  for (unsigned char c : u)
    if (c <= ' ' || c == 0x7f) {
      diags.error(url.loc, std::string("'") + key + "' must not hold spaces or control characters",
                  "write a space as %20");
      return false;
    }
  std::string rest = u.substr(u.find("://") + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (rest.find('@') != std::string::npos) {
    diags.error(url.loc, std::string("'") + key + "' must not hold a user or password");
    return false;
  }
  const std::string host = email_url_host(u);
  if (host.empty()) {
    diags.error(url.loc, std::string("'") + key + "' names no host");
    return false;
  }
  if (http && !allow_http && !is_loopback_host(host)) {
    diags.error(url.loc,
                "'" + u + "' is not https: only loopback hosts are fetched over plain http",
                "write https://, or set allow_http = true in this [[sources]]");
    return false;
  }
  return true;
}

std::vector<std::string> plain_strings(const toml::table& t, std::string_view key,
                                       const std::string& file, Diagnostics& diags) {
  std::vector<std::string> out;
  if (const toml::node* n = t.get(key))
    for (Spanned& s : string_array(*n, key, file, diags)) out.push_back(std::move(s.text));
  return out;
}

// url = "...", or reliefweb = {...}, and the keys of fetching.
bool read_fetched_source(TableReader& r, const toml::table& t, SourceSpec& src,
                         const std::string& file, Diagnostics& diags) {
  const size_t errors_before = diags.items().size();
  auto count_errors = [&] {
    size_t n = 0;
    for (size_t i = errors_before; i < diags.items().size(); ++i)
      n += diags.items()[i].severity == Severity::Error;
    return n;
  };
  if (const toml::node* n = t.get("allow_http")) {
    if (const auto* b = n->as_boolean())
      src.allow_http = b->get();
    else
      r.error(r.where(*n), "'allow_http' must be true or false, not " + with_article(n->type()));
  }
  if (auto v = r.string("max_age")) {
    if (auto s = parse_duration(v->text))
      src.max_age_s = *s;
    else
      r.error(v->loc, "'max_age' must be a duration such as \"36h\", \"90m\" or \"2d\", not '" +
                          v->text + "'");
  }
  if (auto v = r.string("timeout")) {
    auto s = parse_duration(v->text);
    if (s && *s >= 1 && *s <= 3600)
      src.timeout_s = int(*s);
    else
      r.error(v->loc, "'timeout' must be a duration from \"1s\" to \"1h\", not '" + v->text + "'");
  }
  if (const toml::node* n = t.get("max_bytes")) {
    const auto* i = n->as_integer();
    if (!i)
      r.error(r.where(*n), "'max_bytes' must be an integer, not " + with_article(n->type()));
    else if (i->get() < 1 || i->get() > int64_t(limits::kMaxSourceBytes))
      r.error(r.where(*n), "'max_bytes' must be from 1 to " +
                               std::to_string(limits::kMaxSourceBytes) + ", not " +
                               std::to_string(i->get()));
    else
      src.max_bytes = i->get();
  }
  read_tls_trust(r, t, file, src.ca_file, src.ca_path, src.pinned_keys, diags);
  if (auto lang = r.string("lang")) {
    src.lang = lang->text;
    src.lang_loc = lang->loc;
  }
  if (t.contains("url")) {
    auto url = r.string("url");
    if (!url) return false;
    if (!check_fetch_url(*url, src.allow_http, "url", diags)) return false;
    src.kind = SourceKind::Url;
    src.url = url->text;
    src.path = url->text;
    src.path_as_written = *url;
    if (src.format == SourceFormat::Listing && src.lang.empty())
      r.error(src.loc, "missing required key 'lang' in [[sources]]",
              "a listing's dates are read in that language");
    return count_errors() == 0;
  }
  const toml::table* rw = r.table("reliefweb");
  if (!rw) return false;
  if (src.format != SourceFormat::Auto && src.format != SourceFormat::ReliefWeb)
    r.error(src.loc, "a 'reliefweb' source is read as format 'reliefweb', not '" +
                         std::string(format_name(src.format)) + "'");
  src.format = SourceFormat::ReliefWeb;
  src.kind = SourceKind::ReliefWebApi;
  TableReader q(*rw, "reliefweb", file, diags);
  q.reject_unknown_keys(
      {"appname", "base_url", "sources", "formats", "themes", "languages", "page_size"});
  ReliefWebApiSpec api;
  api.loc = q.where();
  api.appname = q.string("appname");
  if (auto b = q.string("base_url")) {
    if (check_fetch_url(*b, src.allow_http, "base_url", diags)) api.base_url = *b;
  }
  while (api.base_url.text.ends_with("/")) api.base_url.text.pop_back();
  api.sources = plain_strings(*rw, "sources", file, diags);
  api.formats = plain_strings(*rw, "formats", file, diags);
  api.themes = plain_strings(*rw, "themes", file, diags);
  api.languages = plain_strings(*rw, "languages", file, diags);
  if (const toml::node* n = rw->get("page_size")) {
    const auto* i = n->as_integer();
    if (!i || i->get() < 1 || i->get() > 1000)
      q.error(q.where(*n), "'page_size' must be an integer from 1 to 1000");
    else
      api.page_size = int(i->get());
  }
  src.url = api.base_url.text + "/reports";
  src.path = src.url;
  src.path_as_written = {src.url, api.loc};
  src.reliefweb = std::move(api);
  return count_errors() == 0;
}

void read_sources(const toml::table& root, Spec& spec, Diagnostics& diags) {
  const toml::node* n = root.get("sources");
  if (!n) {
    diags.error({spec.file, 1, 1}, "at least one [[sources]] entry is required");
    return;
  }
  const toml::array* a = n->as_array();
  if (!a) {
    // A single [sources] table is the likely slip: say how to write it.
    diags.error(location_of(n->source(), spec.file),
                "'sources' must be an array of tables, not " + with_article(n->type()),
                n->is_table() ? "write [[sources]], with double brackets, once per listing" : "");
    return;
  }
  if (a->empty()) {
    diags.error(location_of(n->source(), spec.file), "at least one [[sources]] entry is required");
    return;
  }
  const std::filesystem::path folder = std::filesystem::path(spec.file).parent_path();
  for (size_t i = 0; i < a->size(); ++i) {
    const toml::node& e = (*a)[i];
    const toml::table* t = e.as_table();
    if (!t) {
      diags.error(location_of(e.source(), spec.file),
                  "'sources' must be an array of tables; element " + std::to_string(i + 1) +
                      " is " + with_article(e.type()));
      continue;
    }
    TableReader r(*t, "[[sources]]", spec.file, diags);
    r.reject_unknown_keys({"path", "url", "reliefweb", "lang", "format", "on_bad_bulletin",
                           "countries_from", "max_age", "timeout", "max_bytes", "allow_http",
                           "ca_file", "pinned_key"});
    SourceSpec src;
    src.loc = r.where();
    src.format = read_format(r);
    src.on_bad_bulletin = read_on_bad_bulletin(r);
    src.countries_from = read_countries_from(r);
    const int given =
        int(t->contains("path")) + int(t->contains("url")) + int(t->contains("reliefweb"));
    if (given > 1) {
      r.error(src.loc, "[[sources]] takes one of 'path', 'url' and 'reliefweb'");
      continue;
    }
    if (t->contains("url") || t->contains("reliefweb")) {
      if (read_fetched_source(r, *t, src, spec.file, diags)) spec.sources.push_back(std::move(src));
      continue;
    }
    for (const char* k : {"max_age", "timeout", "max_bytes", "allow_http", "ca_file", "pinned_key"})
      if (const toml::node* n = t->get(k))
        r.error(r.where(*n), std::string("'") + k + "' is for sources with 'url' or 'reliefweb'");
    if (src.format == SourceFormat::Index) {
      r.error(r.where(*t->get("format")), "format 'index' is for sources with 'url'",
              "an index lists the URLs of bulletin files to fetch; a folder of them is "
              "format 'bulletin'");
      continue;
    }
    auto path = r.string("path");
    if (!path && !t->contains("path")) {
      r.error(src.loc, "missing required key 'path' in [[sources]]");
      continue;
    }
    // Only a listing cannot say its language; other formats may carry it.
    // When the name does not tell, the corpus decides after reading.
    SourceFormat known = src.format;
    if (known == SourceFormat::Auto && path) known = format_by_name(path->text);
    auto lang = known == SourceFormat::Listing ? r.required_string("lang") : r.string("lang");
    if (!path || (known == SourceFormat::Listing && !lang)) continue;
    // operator/ keeps an absolute path as it is.
    src.path = (folder / path->text).string();
    src.path_as_written = *path;
    if (lang) {
      src.lang = lang->text;
      src.lang_loc = lang->loc;
    }
    spec.sources.push_back(std::move(src));
  }
}

void read_select(const toml::table& t, Spec& spec, bool overlay, Diagnostics& diags) {
  TableReader r(t, "[select]", spec.file, diags);
  r.reject_unknown_keys({"period", "regions", "countries", "languages"});
  // A variant's [select] overrides only the keys it writes.
  if (overlay) {
    if (auto p = r.string("period")) spec.period = *p;
  } else if (auto p = r.required_string("period")) {
    spec.period = *p;
  }
  if (!overlay || t.contains("regions")) spec.regions = r.strings("regions");
  if (!overlay || t.contains("countries")) spec.countries = r.strings("countries");
  if (!overlay || t.contains("languages")) spec.languages = r.strings("languages");
}

void read_custom_regions(const toml::table& t, Spec& spec, Diagnostics& diags) {
  // toml++ tables iterate in key order; the spec promises file order.
  std::vector<std::pair<const toml::key*, const toml::node*>> entries;
  for (auto&& [k, v] : t) entries.emplace_back(&k, &v);
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
    const auto& pa = a.first->source().begin;
    const auto& pb = b.first->source().begin;
    return pa.line != pb.line ? pa.line < pb.line : pa.column < pb.column;
  });
  for (const auto& [k, v] : entries) {
    Spanned name{std::string(k->str()), location_of(k->source(), spec.file)};
    if (name.text.empty()) {
      diags.error(name.loc, "region name must not be empty");
      continue;
    }
    std::vector<Spanned> members = string_array(*v, name.text, spec.file, diags);
    const toml::array* a = v->as_array();
    if (!a) continue;  // reported by string_array
    if (a->empty()) {
      diags.error(location_of(v->source(), spec.file), "region '" + name.text + "' has no members");
      continue;
    }
    spec.custom_regions.emplace_back(std::move(name), std::move(members));
  }
}

// [aliases]: "Name" = "PA" or "Name" = ["GT", "HN", "SV"].
void read_aliases(const toml::table& t, Spec& spec, Diagnostics& diags) {
  std::vector<std::pair<const toml::key*, const toml::node*>> entries;
  for (auto&& [k, v] : t) entries.emplace_back(&k, &v);
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
    const auto& pa = a.first->source().begin;
    const auto& pb = b.first->source().begin;
    return pa.line != pb.line ? pa.line < pb.line : pa.column < pb.column;
  });
  spec.aliases.clear();
  for (const auto& [k, v] : entries) {
    Spanned name{std::string(k->str()), location_of(k->source(), spec.file)};
    if (name.text.find_first_not_of(" \t") == std::string::npos) {
      diags.error(name.loc, "an alias must not be empty");
      continue;
    }
    std::vector<Spanned> codes;
    if (const auto* s = v->as_string()) {
      codes.push_back({s->get(), location_of(v->source(), spec.file)});
    } else if (v->is_array()) {
      codes = string_array(*v, "aliases." + name.text, spec.file, diags);
      if (v->as_array()->empty()) {
        diags.error(location_of(v->source(), spec.file),
                    "alias '" + name.text + "' names no country");
        continue;
      }
    } else {
      diags.error(location_of(v->source(), spec.file),
                  "alias '" + name.text + "' must be a country code or an array of them, not " +
                      with_article(v->type()));
      continue;
    }
    bool good = true;
    for (Spanned& c : codes) {
      const bool alpha2 = c.text.size() == 2 &&
                          std::isalpha(static_cast<unsigned char>(c.text[0])) &&
                          std::isalpha(static_cast<unsigned char>(c.text[1]));
      if (!alpha2) {
        diags.error(
            c.loc,
            "alias '" + name.text + "': '" + c.text + "' is not an ISO 3166 alpha-2 country code",
            "write a code such as \"PA\"");
        good = false;
        continue;
      }
      for (char& ch : c.text) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    }
    if (good && !codes.empty()) spec.aliases.emplace_back(std::move(name), std::move(codes));
  }
}

// Each source gets the spec's aliases: they decide its bulletins' countries.
void share_aliases(Spec& spec) {
  std::vector<std::pair<std::string, std::string>> flat;
  for (const auto& [name, codes] : spec.aliases) {
    for (const Spanned& c : codes) flat.emplace_back(name.text, c.text);
  }
  for (SourceSpec& src : spec.sources) src.aliases = flat;
}

void read_layout(const toml::table& t, Spec& spec, Diagnostics& diags) {
  TableReader r(t, "[layout]", spec.file, diags);
  r.reject_unknown_keys({"paper", "fonts", "repeat_multi_country", "glance"});
  for (auto [key, flag] : {std::pair{"repeat_multi_country", &spec.repeat_multi_country},
                           std::pair{"glance", &spec.glance}}) {
    const toml::node* n = t.get(key);
    if (!n) continue;
    if (const auto* b = n->as_boolean())
      *flag = b->get();
    else
      r.error(r.where(*n),
              "'" + std::string(key) + "' must be true or false, not " + with_article(n->type()));
  }
  if (const toml::node* fonts = t.get("fonts")) {
    spec.fonts = r.strings("fonts");
    const toml::array* a = fonts->as_array();
    if (a && a->empty()) {
      diags.error(location_of(fonts->source(), spec.file), "'fonts' must name at least one font",
                  "leave it out for the bundled fonts");
    }
  }
  auto paper = r.string("paper");
  if (!paper) return;
  // Exact names only: the same spelling everywhere keeps specs greppable.
  if (paper->text == "A4") {
    spec.paper = Paper::A4;
  } else if (paper->text == "Letter") {
    spec.paper = Paper::Letter;
  } else {
    std::string hint = did_you_mean(paper->text, {"A4", "Letter"});
    if (hint.empty()) hint = "expected 'A4' or 'Letter'";
    diags.error(paper->loc, "unknown paper size '" + paper->text + "'", std::move(hint));
  }
}

// A file named by a [cover] key, read whole (at most max bytes); on failure
// an error at the key's value and nullopt.
std::optional<std::string> read_cover_file(const Spanned& v, const std::string& spec_file,
                                           size_t max, Diagnostics& diags) {
  const std::filesystem::path path = std::filesystem::path(spec_file).parent_path() / v.text;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    diags.error(v.loc, "cannot read '" + v.text + "': " +
                           (std::filesystem::exists(path, ec) ? "not a file" : "no such file"));
    return std::nullopt;
  }
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) {
    diags.error(v.loc, "cannot read '" + v.text + "': " + std::strerror(errno));
    return std::nullopt;
  }
  std::string bytes;
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0 && bytes.size() <= max) bytes.append(buf, n);
  const bool failed = std::ferror(f) != 0;
  std::fclose(f);
  if (failed) {
    diags.error(v.loc, "cannot read '" + v.text + "'");
    return std::nullopt;
  }
  if (bytes.size() > max) {
    diags.error(v.loc, "'" + v.text + "' is too large: more than " + limits::bytes_text(max));
    return std::nullopt;
  }
  return bytes;
}

std::optional<Spanned> plain_text(TableReader& r, std::string_view key) {
  auto v = r.string(key);
  if (v && !utf8_valid(v->text)) {
    r.error(v->loc, "'" + std::string(key) + "' is not valid UTF-8");
    return std::nullopt;
  }
  return v;
}

void read_cover(const toml::table& t, Spec& spec, Diagnostics& diags) {
  TableReader r(t, "[cover]", spec.file, diags);
  r.reject_unknown_keys({"as_of", "logo", "logo_height", "logo_alt", "intro", "intro_file",
                         "contact", "disclaimer", "accent"});
  CoverSpec& c = spec.cover;
  if (auto v = r.string("as_of")) {
    if (auto d = Date::parse_iso(v->text)) {
      c.as_of = *d;
    } else {
      diags.error(v->loc, "'as_of' must be a date as YYYY-MM-DD, not '" + v->text + "'");
    }
  }
  if (auto v = r.string("logo")) {
    if (auto bytes = read_cover_file(*v, spec.file, 8 * limits::kMiB, diags)) {
      std::string error;
      if (image_header(*bytes, c.logo_png, c.logo_width_px, c.logo_height_px, error)) {
        c.logo = std::make_shared<const std::string>(std::move(*bytes));
      } else {
        diags.error(v->loc, "'" + v->text + "' is not a logo Gazette can use: " + error,
                    "give a PNG or JPEG file");
      }
    }
  }
  if (const toml::node* n = t.get("logo_height")) {
    std::optional<double> h;
    if (const auto* i = n->as_integer()) h = static_cast<double>(i->get());
    if (const auto* f = n->as_floating_point()) h = f->get();
    if (!h) {
      r.error(r.where(*n),
              "'logo_height' must be a number of points, not " + with_article(n->type()));
    } else if (!(*h >= 12 && *h <= 120)) {
      r.error(r.where(*n), "'logo_height' must be between 12 and 120 points");
    } else {
      c.logo_height = *h;
    }
  }
  if (auto v = plain_text(r, "logo_alt")) c.logo_alt = v->text;
  if (auto v = plain_text(r, "intro")) c.intro = v->text;
  if (auto v = r.string("intro_file")) {
    if (t.contains("intro")) {
      diags.error(v->loc, "'intro' and 'intro_file' are both given", "keep one of them");
    } else if (auto text = read_cover_file(*v, spec.file, limits::kMaxBulletinBytes, diags)) {
      const size_t bad = utf8_first_invalid(*text);
      if (bad != std::string::npos) {
        diags.error(v->loc,
                    "'" + v->text + "' is not valid UTF-8 (byte " + std::to_string(bad) + ")");
      } else {
        c.intro = std::move(*text);
      }
    }
  }
  if (auto v = plain_text(r, "contact")) c.contact = v->text;
  if (auto v = plain_text(r, "disclaimer")) c.disclaimer = v->text;
  if (auto v = r.string("accent")) {
    c.accent = parse_colour(v->text);
    if (!c.accent) {
      diags.error(v->loc, "'accent' must be a colour as #rrggbb, not '" + v->text + "'",
                  "for example \"#0a5b9c\"");
    }
  }
}

void read_output(const toml::table& t, Spec& spec, Diagnostics& diags) {
  TableReader r(t, "[output]", spec.file, diags);
  r.reject_unknown_keys({"path", "split_by", "on_empty", "pdf_standards"});
  if (auto p = r.string("path")) spec.output_path = *p;
  if (t.contains("split_by")) {
    spec.split_by.clear();
    const std::vector<std::string> keys{"region", "country", "locale"};
    for (const Spanned& k : r.strings("split_by")) {
      if (std::find(keys.begin(), keys.end(), k.text) == keys.end()) {
        std::string hint = did_you_mean(k.text, keys);
        if (hint.empty()) hint = "expected 'region', 'country' or 'locale'";
        diags.error(k.loc, "cannot split by '" + k.text + "'", std::move(hint));
      } else if (std::any_of(spec.split_by.begin(), spec.split_by.end(),
                             [&](const Spanned& s) { return s.text == k.text; })) {
        diags.error(k.loc, "'" + k.text + "' is named twice in split_by");
      } else {
        spec.split_by.push_back(k);
      }
    }
  }
  if (t.contains("pdf_standards")) {
    spec.pdf_ua = spec.pdf_a = false;
    const std::vector<std::string> known{"ua-1", "a-2a"};
    for (const Spanned& k : r.strings("pdf_standards")) {
      bool& on = k.text == "ua-1" ? spec.pdf_ua : spec.pdf_a;
      if (std::find(known.begin(), known.end(), k.text) == known.end()) {
        std::string hint = did_you_mean(k.text, known);
        if (hint.empty()) hint = "expected 'ua-1' or 'a-2a'";
        diags.error(k.loc, "unknown PDF standard '" + k.text + "'", std::move(hint));
      } else if (on) {
        diags.error(k.loc, "'" + k.text + "' is named twice in pdf_standards");
      } else {
        on = true;
      }
    }
  }
  if (auto e = r.string("on_empty")) {
    if (e->text == "render") {
      spec.on_empty = OnEmpty::Render;
    } else if (e->text == "skip") {
      spec.on_empty = OnEmpty::Skip;
    } else if (e->text == "fail") {
      spec.on_empty = OnEmpty::Fail;
    } else {
      std::string hint = did_you_mean(e->text, {"render", "skip", "fail"});
      if (hint.empty()) hint = "expected 'render', 'skip' or 'fail'";
      diags.error(e->loc, "unknown on_empty '" + e->text + "'", std::move(hint));
    }
  }
}

// `locale` is one locale, or several when the spec fans out by locale.
void read_locale(const toml::table& root, TableReader& r, Spec& spec, Diagnostics& diags) {
  const toml::node* n = root.get("locale");
  if (!n) return;
  if (!n->is_array()) {
    if (auto s = r.string("locale")) {
      spec.locale = *s;
      spec.locales.clear();
    }
    return;
  }
  std::vector<Spanned> all = string_array(*n, "locale", spec.file, diags);
  if (all.empty()) {
    if (n->as_array()->empty()) diags.error(r.where(*n), "'locale' must name at least one locale");
    return;
  }
  spec.locale = all.front();
  spec.locales = std::move(all);
}

// Reads root: the spec's top level, or one [[variants]] table laid over a
// copy of the spec (overlay), which changes only the keys it writes.
void read_spec(const toml::table& root, Spec& spec, bool overlay, Diagnostics& diags) {
  TableReader r(root, overlay ? "[[variants]]" : "", spec.file, diags);
  std::vector<std::string> keys{"title",   "locale", "time_zone", "sources", "select", "regions",
                                "aliases", "layout", "output",    "email",   "cover"};
  keys.push_back(overlay ? "name" : "variants");
  r.reject_unknown_keys(keys);
  // The cover's heading and {title}: a spec must have one (a variant may
  // change it). Reported at the top of the file, where top-level keys go.
  if (auto s = overlay ? r.string("title") : r.required_string("title")) spec.title = s->text;
  read_locale(root, r, spec, diags);
  if (auto s = r.string("time_zone")) spec.time_zone = *s;
  if (!overlay || root.contains("sources")) {
    spec.sources.clear();
    read_sources(root, spec, diags);
  }
  if (!overlay && !root.contains("select")) {
    diags.error({spec.file, 1, 1}, "missing required table [select]");
  } else if (const toml::table* t = r.table("select")) {
    read_select(*t, spec, overlay, diags);
  }
  if (const toml::table* t = r.table("regions")) read_custom_regions(*t, spec, diags);
  if (const toml::table* t = r.table("aliases")) read_aliases(*t, spec, diags);
  share_aliases(spec);
  if (const toml::table* t = r.table("layout")) read_layout(*t, spec, diags);
  if (const toml::table* t = r.table("output")) read_output(*t, spec, diags);
  if (const toml::table* t = r.table("email")) spec_detail::read_email(*t, spec, diags);
  if (const toml::table* t = r.table("cover")) read_cover(*t, spec, diags);
}

// What only a whole spec or variant can tell.
void check_complete(const Spec& spec, Location where, Diagnostics& diags) {
  bool by_locale = std::any_of(spec.split_by.begin(), spec.split_by.end(),
                               [](const Spanned& s) { return s.text == "locale"; });
  if (spec.locales.size() > 1 && !by_locale)
    diags.error(spec.locale.loc,
                "'locale' names " + std::to_string(spec.locales.size()) +
                    " locales but the output is not split by locale",
                "add \"locale\" to [output] split_by");
  if (spec.email) spec_detail::check_email(*spec.email, where, diags);
}

void read_variants(const toml::table& root, Spec& spec, Diagnostics& diags) {
  const toml::node* n = root.get("variants");
  if (!n) return;
  const toml::array* a = n->as_array();
  if (!a || !a->is_array_of_tables() || a->empty()) {
    diags.error(location_of(n->source(), spec.file),
                "'variants' must be an array of tables, not " + with_article(n->type()),
                "write [[variants]], with double brackets, once per variant");
    return;
  }
  const Spec base = spec;
  for (size_t i = 0; i < a->size(); ++i) {
    const toml::table& t = *(*a)[i].as_table();
    Spec v = base;
    v.variant = std::to_string(i + 1);
    TableReader r(t, "[[variants]]", spec.file, diags);
    if (auto name = r.string("name")) {
      for (const Spec& other : spec.variants)
        if (other.variant == name->text)
          diags.error(name->loc, "two variants are named '" + name->text + "'");
      v.variant = name->text;
    }
    read_spec(t, v, true, diags);
    check_complete(v, r.where(), diags);
    spec.variants.push_back(std::move(v));
  }
}

[[noreturn]] void fail_too_large(const std::string& file) {
  fail({file, 0, 0}, "spec too large: more than " + limits::bytes_text(limits::kMaxSpecBytes));
}

}  // namespace

std::optional<uint32_t> parse_colour(std::string_view text) {
  if (text.size() != 7 || text[0] != '#') return std::nullopt;
  uint32_t v = 0;
  for (char ch : text.substr(1)) {
    int d = ch >= '0' && ch <= '9'   ? ch - '0'
            : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
            : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10
                                     : -1;
    if (d < 0) return std::nullopt;
    v = v * 16 + static_cast<uint32_t>(d);
  }
  return v;
}

bool image_header(std::string_view b, bool& png, int& width, int& height, std::string& error) {
  auto u8 = [&](size_t i) { return static_cast<uint32_t>(static_cast<unsigned char>(b[i])); };
  auto be16 = [&](size_t i) { return u8(i) << 8 | u8(i + 1); };
  auto be32 = [&](size_t i) { return be16(i) << 16 | be16(i + 2); };
  constexpr std::string_view kPng("\x89PNG\r\n\x1a\n", 8);
  if (b.substr(0, 8) == kPng) {
    png = true;
    if (b.size() < 33 || b.substr(12, 4) != "IHDR") {
      error = "a PNG file without its header (IHDR)";
      return false;
    }
    const uint32_t w = be32(16), h = be32(20);
    const uint32_t depth = u8(24), colour = u8(25), interlace = u8(28);
    if (w == 0 || h == 0 || w > 20000 || h > 20000) {
      error = "a PNG image of " + std::to_string(w) + " x " + std::to_string(h) + " pixels";
      return false;
    }
    if (depth > 8 || interlace != 0 ||
        (colour != 0 && colour != 2 && colour != 3 && colour != 4 && colour != 6)) {
      error = "a PNG image with 16 bits per sample, interlacing or an unknown colour type";
      return false;
    }
    width = static_cast<int>(w);
    height = static_cast<int>(h);
    return true;
  }
  if (b.size() >= 3 && u8(0) == 0xFF && u8(1) == 0xD8 && u8(2) == 0xFF) {
    png = false;
    // Segments up to the frame header (SOF0..SOF15 but DHT, JPG and DAC).
    size_t i = 2;
    while (i + 4 <= b.size() && u8(i) == 0xFF) {
      const uint32_t marker = u8(i + 1);
      if (marker == 0xFF) {
        ++i;
        continue;
      }
      const uint32_t length = be16(i + 2);
      if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
        if (i + 9 > b.size() || length < 8) break;
        const uint32_t h = be16(i + 5), w = be16(i + 7);
        const uint32_t components = i + 10 <= b.size() ? u8(i + 9) : 0;
        if (w == 0 || h == 0) break;
        if (components != 1 && components != 3 && components != 4) {
          error = "a JPEG image with " + std::to_string(components) + " colour components";
          return false;
        }
        width = static_cast<int>(w);
        height = static_cast<int>(h);
        return true;
      }
      if (length < 2) break;
      i += 2 + length;
    }
    error = "a JPEG file without a frame header";
    return false;
  }
  error = "neither PNG nor JPEG";
  return false;
}

const char* countries_from_name(CountriesFrom c) {
  switch (c) {
    case CountriesFrom::TitleThenBody:
      return "title-then-body";
    case CountriesFrom::Title:
      return "title";
    case CountriesFrom::None:
      return "none";
  }
  return "title-then-body";
}

std::optional<int64_t> parse_duration(std::string_view text) {
  if (text.size() < 2 || text.size() > 12) return std::nullopt;
  int64_t n = 0;
  for (char c : text.substr(0, text.size() - 1)) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  switch (text.back()) {
    case 's':
      return n;
    case 'm':
      return n * 60;
    case 'h':
      return n * 3600;
    case 'd':
      return n * 86400;
    default:
      return std::nullopt;
  }
}

const char* format_name(SourceFormat f) {
  switch (f) {
    case SourceFormat::Listing:
      return "listing";
    case SourceFormat::Bulletin:
      return "bulletin";
    case SourceFormat::ReliefWeb:
      return "reliefweb";
    case SourceFormat::Rss:
      return "rss";
    case SourceFormat::Atom:
      return "atom";
    case SourceFormat::Index:
      return "index";
    case SourceFormat::Auto:
      break;
  }
  return "auto";
}

SourceFormat format_by_name(std::string_view path) {
  const std::string name = std::filesystem::path(path).filename().string();
  if (path.find_first_of("*?[") != std::string_view::npos) return SourceFormat::Bulletin;
  auto ext = [&](std::string_view e) {
    return name.size() > e.size() && std::equal(e.rbegin(), e.rend(), name.rbegin(),
                                                [](char a, char b) { return a == (b | 0x20); });
  };
  if (ext(".md")) return SourceFormat::Bulletin;
  if (ext(".json")) return SourceFormat::ReliefWeb;
  if (ext(".txt")) return SourceFormat::Listing;
  return SourceFormat::Auto;
}

Spec parse_spec(std::string_view toml_text, const std::string& file, Diagnostics& diags) {
  if (toml_text.size() > limits::kMaxSpecBytes) fail_too_large(file);
  // Debian's libtomlplusplus is built with exceptions (the toml::v3::ex ABI),
  // so parse errors arrive as toml::parse_error.
  // toml++ would place the error one column early; report the byte itself,
  // worded as the listing reader does.
  if (size_t bad = utf8_first_invalid(toml_text); bad != std::string_view::npos) {
    fail(position_of(toml_text, bad, file), "invalid UTF-8 at byte offset " + std::to_string(bad));
  }
  check_toml_nesting(toml_text, file);
  toml::table root;
  try {
    root = toml::parse(toml_text, std::string_view(file));
  } catch (const toml::parse_error& e) {
    fail(location_of(e.source(), file), std::string(e.description()));
  }
  Spec spec;
  spec.file = file;
  Diagnostics found;
  spec.source_text = std::make_shared<const std::string>(toml_text);
  read_spec(root, spec, false, found);
  read_variants(root, spec, found);
  if (spec.variants.empty())
    check_complete(spec, spec.email ? spec.email->loc : Location{file, 1, 1}, found);
  // Tables are walked in key order; report in file order, as a reader scans.
  std::vector<Diagnostic> items = found.items();
  std::stable_sort(items.begin(), items.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return a.loc.line != b.loc.line ? a.loc.line < b.loc.line : a.loc.col < b.loc.col;
  });
  for (auto& d : items) diags.add(std::move(d));
  return spec;
}

Spec load_spec(const std::string& path, Diagnostics& diags) {
  std::string text;
  int err = 0;
  if (std::FILE* f = std::fopen(path.c_str(), "rb")) {
    char buf[1 << 14];
    size_t n;
    // Reads one byte past the limit at most, whatever the file is.
    while (text.size() <= limits::kMaxSpecBytes && (n = std::fread(buf, 1, sizeof buf, f)) > 0)
      text.append(buf, n);
    if (std::ferror(f)) err = errno;  // e.g. EISDIR: fopen accepts a folder
    std::fclose(f);
  } else {
    err = errno;
  }
  if (err)
    fail(Location{path, 0, 0}, "cannot read spec: " + std::string(std::strerror(err)), {},
         kExitRuntime);
  return parse_spec(text, path, diags);
}

}  // namespace gz
