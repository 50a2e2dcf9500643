// The report spec: a TOML file read into plain data, with the position of
// every value kept so later phases (region and period resolution) can point
// at the exact spot of a mistake. This phase checks shape and types only;
// names (regions, locales, time zones) are checked by spec/resolve.h.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/diag.h"
#include "base/paper.h"
#include "base/shared_list.h"

namespace gz {

// How a source is written. Auto: not given, inferred from the file
// (corpus/sources.h). Index: a bulletin-file index, a text file listing the
// URLs of bulletin files (fetched sources only; fetch/fetcher.h).
enum class SourceFormat { Auto, Listing, Bulletin, ReliefWeb, Rss, Atom, Index };

// What a bulletin that cannot be read does to the run.
enum class OnBadBulletin { Fail, Skip };

// Where a source's bulletins without countries of their own get them
// (README "Countries of a bulletin").
enum class CountriesFrom { TitleThenBody, Title, None };

// Where a source's bytes come from: a local path, a URL, or the ReliefWeb
// API queried from the spec (README "Sources fetched by Gazette").
enum class SourceKind { Path, Url, ReliefWebApi };

// [[sources]] reliefweb = { ... }: the query Gazette builds and POSTs.
struct ReliefWebApiSpec {
  Location loc;                    // the reliefweb table
  std::optional<Spanned> appname;  // GAZETTE_RELIEFWEB_APPNAME wins
  Spanned base_url{"https://api.reliefweb.int/v2", {}};
  std::vector<std::string> sources, formats, themes, languages;  // optional filters
  int page_size = 1000;  // `limit` of each page (ReliefWeb allows up to 1000)
  // Filled in by app/ from the spec's [select] before fetching: the days of
  // the period (ISO, both included) and the ISO 3166 alpha-3 codes (lower
  // case; empty: every country).
  std::string from, to;
  std::vector<std::string> iso3;
};

struct SourceSpec {
  // Path: resolved against the spec's folder; may be a folder or a glob.
  // Url: the URL. ReliefWebApi: the endpoint and a digest of the query, so
  // that two different queries are two sources.
  std::string path;
  Spanned path_as_written;
  // The listing's language; for other formats the default of bulletins that
  // do not give theirs. "" when not given.
  std::string lang;
  Location lang_loc;  // where lang is written; line 0 when it is not
  Location loc;       // the [[sources]] table
  SourceFormat format = SourceFormat::Auto;
  OnBadBulletin on_bad_bulletin = OnBadBulletin::Fail;
  CountriesFrom countries_from = CountriesFrom::TitleThenBody;
  // The spec's [aliases] (name, alpha-2 code), which tag this source's
  // bulletins as country names do.
  std::vector<std::pair<std::string, std::string>> aliases;

  // Fetched sources (kind Url or ReliefWebApi).
  SourceKind kind = SourceKind::Path;
  std::string url;  // Url: the URL as written
  std::optional<ReliefWebApiSpec> reliefweb;
  bool allow_http = false;        // http:// for a host that is not loopback
  int64_t max_age_s = 36 * 3600;  // how old a cached copy may be when the server fails
  int timeout_s = 60;             // the whole of each request (connecting: at most 15 s)
  int64_t max_bytes = 0;          // 0: limits::kMaxSourceBytes
  // The server's certificate, as [email] has it: ca_file replaces the
  // system's CAs (ca_path: resolved against the spec's folder); pinned_keys
  // must include the server's public key.
  std::optional<Spanned> ca_file;
  std::string ca_path;
  std::vector<Spanned> pinned_keys;
};

// "36h", "90m", "2d", "45s" -> seconds; nullopt when malformed.
std::optional<int64_t> parse_duration(std::string_view text);

// "title-then-body", "title" or "none".
const char* countries_from_name(CountriesFrom c);

// "listing", "bulletin", "reliefweb", "rss", "atom", "index" ("auto" for Auto).
const char* format_name(SourceFormat f);

// The format a path's form tells without reading it: a glob (*, ?, [) or
// .md is bulletin files, .json ReliefWeb, .txt a listing; else Auto (a
// folder, or a file whose content decides).
SourceFormat format_by_name(std::string_view path);

// What to do with a variant whose period has no bulletin.
enum class OnEmpty { Render, Skip, Fail };

// [email]: who receives a variant's PDF and through which server. Shape and
// header safety are checked here (no CR or LF in any value, mailbox syntax,
// tls = "off" only for a loopback server); credentials never come from the
// spec (see README "Email").
struct EmailSpec {
  Location loc;  // the [email] table
  Spanned from;
  std::vector<Spanned> to, cc, bcc;
  std::optional<Spanned> reply_to;
  Spanned subject{"{title} — {period}", {}};  // placeholders: kSubjectPlaceholders
  Spanned url;                                // smtp://host[:port] or smtps://host[:port]
  Spanned tls{"required", {}};                // "required", "if-available" or "off"
  std::optional<Spanned> list_unsubscribe;
  // The server's certificate: ca_file replaces the system's CAs (ca_path is
  // it resolved against the spec's folder); pinned_keys ("sha256//base64")
  // must include the server's public key.
  std::optional<Spanned> ca_file;
  std::string ca_path;
  std::vector<Spanned> pinned_keys;
  // Logging in: "auto", "none", "plain", "login" or "xoauth2". user is the
  // login name (not a secret: GAZETTE_SMTP_USER wins over it); secrets come
  // from the environment, or the token from token_command (program and
  // arguments, run without a shell, killed after token_timeout seconds).
  Spanned auth{"auto", {}};
  std::optional<Spanned> user;
  std::vector<Spanned> token_command;
  Location token_command_loc;
  int token_timeout = 30;
  // A variant with no bulletins is emailed only when this is true (and then
  // with a warning); by default its PDF is written but not sent.
  bool send_empty = false;
  // A digest whose PDF is larger (in MB of 1,000,000 bytes, before base64)
  // is not emailed: an error. max_attachment_loc is the key's position.
  double max_attachment_mb = 10;
  Location max_attachment_loc;
};

// The host and port of an [email] url (smtp://host:port), without brackets
// around an IPv6 address; the port is "" when the url gives none.
std::string email_url_host(std::string_view url);
std::string email_url_port(std::string_view url);
// 127.0.0.0/8, ::1 or localhost.
bool is_loopback_host(const std::string& host);

// What an [email] subject may name: {title} {period} {region} {locale}.
inline const std::vector<std::string> kSubjectPlaceholders = {"title", "period", "region",
                                                              "locale"};

// [cover]: what the first page says besides the title (README "The cover").
// Files are read and checked when the spec is loaded, so `check` finds a
// missing or broken logo.
struct CoverSpec {
  std::optional<Date> as_of;  // the issue date; else the period's last day
  // The logo, a PNG or JPEG file: its bytes (shared by every variant and
  // split), its kind and its size in pixels, read from its header.
  std::shared_ptr<const std::string> logo;
  bool logo_png = false;
  int logo_width_px = 0;
  int logo_height_px = 0;
  double logo_height = 48;  // the height of its box in points (its width: at most twice that)
  std::string logo_alt;     // its text for readers; "" says the report title
  std::string intro;        // Markdown (inline syntax, paragraphs between blank lines)
  std::string contact;      // plain text, small type at the foot of the cover
  std::string disclaimer;
  std::optional<uint32_t> accent;  // 0xRRGGBB: the cover's band and the headings
};

// "#0a5b9c" -> 0x0a5b9c; nullopt unless '#' and six hex digits.
std::optional<uint32_t> parse_colour(std::string_view text);

// The kind and size in pixels of a PNG or JPEG image from its first bytes;
// false with what is wrong in error.
bool image_header(std::string_view bytes, bool& png, int& width, int& height, std::string& error);

struct Spec {
  std::string file;  // path of the spec itself, as given
  std::string title;
  Spanned locale{"en", {}};
  Spanned time_zone{"UTC", {}};
  std::vector<SourceSpec> sources;

  Spanned period;                  // required
  std::vector<Spanned> regions;    // [select] regions
  std::vector<Spanned> countries;  // [select] countries
  std::vector<Spanned> languages;  // [select] languages

  // [regions]: spec-defined regions, name -> members (M49 codes, countries,
  // names, or other spec regions). Kept in file order; shared by the
  // spec's variants and splits.
  SharedList<std::pair<Spanned, std::vector<Spanned>>> custom_regions;
  // [aliases]: an office's own names of countries, name -> alpha-2 codes
  // (upper case), in file order.
  SharedList<std::pair<Spanned, std::vector<Spanned>>> aliases;

  Paper paper = Paper::A4;
  // [layout] repeat_multi_country: a bulletin naming several countries is
  // printed in full under each (else once, and cross-referenced).
  bool repeat_multi_country = false;
  // [layout] glance: an "At a glance" page after the cover (bulletins per
  // country and per week or month, as tables and charts).
  bool glance = true;
  // [layout] fonts: the font fallback chain as written (names of bundled
  // fonts or paths); empty means the bundled chain. Resolved by app/.
  std::vector<Spanned> fonts;
  Spanned output_path{"{region}-{period}.pdf", {}};

  // Fan-out (README "Fan-out"). locales holds every locale when `locale` is
  // an array (then split_by must name "locale"); locale is the first.
  std::vector<Spanned> locales;
  std::vector<Spanned> split_by;  // "region", "country", "locale"
  OnEmpty on_empty = OnEmpty::Render;
  // [output] pdf_standards: "ua-1" (PDF/UA-1, tagged) and "a-2a" (PDF/A-2a,
  // archival and tagged); both by default, none for a plain untagged PDF.
  bool pdf_ua = true;
  bool pdf_a = true;
  std::optional<EmailSpec> email;
  CoverSpec cover;

  // The spec file's bytes, for content hashes: shared by every variant
  // and split, never copied (10,000 splits of a 60 KB spec would be 600 MB).
  std::shared_ptr<const std::string> source_text;
  // [[variants]]: the spec with each variant table merged over it; empty when
  // the spec has none. variant is the variant's `name`, else its number.
  std::vector<Spec> variants;
  std::string variant;
};

// Reads and checks a spec file. Appends every problem to diags (unknown keys
// with "did you mean", wrong types, missing required keys) with the file,
// line and column toml++ reports; returns what could be read. Throws Failure
// only when the file cannot be read (exit 1), is not TOML or is larger than
// limits::kMaxSpecBytes (exit 2).
Spec load_spec(const std::string& path, Diagnostics& diags);
// The same from text already in memory; file is used in messages and to
// resolve relative paths.
Spec parse_spec(std::string_view toml_text, const std::string& file, Diagnostics& diags);

}  // namespace gz
