#include "spec/toml_reader.h"

#include <algorithm>

namespace gz::spec_detail {

std::string with_article(toml::node_type t) {
  // Our own names rather than toml++'s ("floating-point"), so messages match
  // the words of the TOML spec users read.
  switch (t) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a float";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

Location location_of(const toml::source_region& r, const std::string& file) {
  return Location{file, int(r.begin.line), int(r.begin.column)};
}

void TableReader::reject_unknown_keys(const std::vector<std::string>& known) {
  for (auto&& [k, v] : t_) {
    if (std::find(known.begin(), known.end(), k.str()) != known.end()) continue;
    std::string msg = "unknown key '" + std::string(k.str()) + "'";
    if (!name_.empty()) msg += " in " + name_;
    error(location_of(k.source(), file_), std::move(msg), did_you_mean(k.str(), known));
  }
}

const toml::node* TableReader::typed(std::string_view key, toml::node_type want) {
  const toml::node* n = t_.get(key);
  if (!n) return nullptr;
  if (n->type() != want) {
    error(where(*n), "'" + std::string(key) + "' must be " + with_article(want) + ", not " +
                         with_article(n->type()));
    return nullptr;
  }
  return n;
}

std::optional<Spanned> TableReader::string(std::string_view key) {
  const toml::node* n = typed(key, toml::node_type::string);
  if (!n) return std::nullopt;
  const std::string& s = n->as_string()->get();
  if (s.empty()) {
    error(where(*n), "'" + std::string(key) + "' must not be empty");
    return std::nullopt;
  }
  return Spanned{s, where(*n)};
}

std::optional<Spanned> TableReader::required_string(std::string_view key) {
  if (!t_.contains(key)) {
    std::string msg = "missing required key '" + std::string(key) + "'";
    if (!name_.empty()) msg += " in " + name_;
    error(where(), std::move(msg));
    return std::nullopt;
  }
  return string(key);
}

std::vector<Spanned> TableReader::strings(std::string_view key) {
  const toml::node* n = t_.get(key);
  if (!n) return {};
  return string_array(*n, key, file_, diags_);
}

const toml::table* TableReader::table(std::string_view key) {
  const toml::node* n = typed(key, toml::node_type::table);
  return n ? n->as_table() : nullptr;
}

std::vector<Spanned> string_array(const toml::node& node, std::string_view key,
                                  const std::string& file, Diagnostics& diags) {
  const std::string name = "'" + std::string(key) + "'";
  const toml::array* a = node.as_array();
  if (!a) {
    diags.error(location_of(node.source(), file),
                name + " must be an array of strings, not " + with_article(node.type()));
    return {};
  }
  std::vector<Spanned> out;
  out.reserve(a->size());
  for (size_t i = 0; i < a->size(); ++i) {
    const toml::node& e = (*a)[i];
    const std::string nth = std::to_string(i + 1);  // 1-based, as people count
    if (const auto* s = e.as_string()) {
      if (s->get().empty()) {
        diags.error(location_of(e.source(), file), name + " element " + nth + " must not be empty");
      } else {
        out.push_back({s->get(), location_of(e.source(), file)});
      }
    } else {
      diags.error(location_of(e.source(), file), name + " must be an array of strings; element " +
                                                     nth + " is " + with_article(e.type()));
    }
  }
  return out;
}

}  // namespace gz::spec_detail
