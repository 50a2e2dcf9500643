// Typed, checked access to one table of a parsed spec. Every problem goes to
// Diagnostics instead of stopping, so a user sees all mistakes in one run.
// Internal to src/spec.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "base/diag.h"
#include "spec/spec.h"

namespace gz::spec_detail {

// "a string", "an integer", "a float", ... for "must be X, not Y" messages.
std::string with_article(toml::node_type t);

Location location_of(const toml::source_region& r, const std::string& file);

// Fails (exit 2) at the place where tables, arrays or inline tables in text
// nest deeper than limits::kMaxTomlNesting, each part of a dotted key or
// table header counting as a level; to be called before toml::parse, which
// would overflow the stack. first_line is the line number text starts at.
// Linear time; anything that is not well-formed TOML is left to toml++.
void check_toml_nesting(std::string_view text, const std::string& file, int first_line = 1);

class TableReader {
 public:
  // name is how messages refer to the table: "" at the top level,
  // "[select]", "[[sources]]". The reader must not outlive its arguments.
  TableReader(const toml::table& t, std::string name, const std::string& file, Diagnostics& diags)
      : t_(t), name_(std::move(name)), file_(file), diags_(diags) {}

  // "unknown key 'perod' in [select]; did you mean 'period'?" at the key.
  void reject_unknown_keys(const std::vector<std::string>& known);

  // A non-empty string, or nullopt (missing, or reported as wrong).
  std::optional<Spanned> string(std::string_view key);
  // As string(), and "missing required key 'k' in [t]" at the table.
  std::optional<Spanned> required_string(std::string_view key);
  // An array of non-empty strings; the good elements when some are wrong.
  std::vector<Spanned> strings(std::string_view key);
  // A sub-table, or nullptr (missing, or reported as not a table).
  const toml::table* table(std::string_view key);

  Location where() const { return location_of(t_.source(), file_); }
  Location where(const toml::node& n) const { return location_of(n.source(), file_); }
  void error(Location loc, std::string msg, std::string hint = {}) {
    diags_.error(std::move(loc), std::move(msg), std::move(hint));
  }

 private:
  // The node at key when it has type want; else reports and returns nullptr.
  const toml::node* typed(std::string_view key, toml::node_type want);

  const toml::table& t_;
  std::string name_;
  const std::string& file_;
  Diagnostics& diags_;
};

// Checks that node is an array of non-empty strings; key names it in messages.
std::vector<Spanned> string_array(const toml::node& node, std::string_view key,
                                  const std::string& file, Diagnostics& diags);

// [email] (spec/email_spec.cc): reads the keys t writes over spec.email,
// creating it when missing, checking each value where it is written.
void read_email(const toml::table& t, Spec& spec, Diagnostics& diags);

// ca_file and pinned_key of a table ([email], [[sources]]): ca_file as
// written and resolved against the folder of spec_file (ca_path); one pin
// or an array of them, each checked ("sha256//" and base64).
void read_tls_trust(TableReader& r, const toml::table& t, const std::string& spec_file,
                    std::optional<Spanned>& ca_file, std::string& ca_path,
                    std::vector<Spanned>& pinned_keys, Diagnostics& diags);
// Reports what a complete [email] lacks (from, url, a recipient) at where.
void check_email(const EmailSpec& e, const Location& where, Diagnostics& diags);

}  // namespace gz::spec_detail
