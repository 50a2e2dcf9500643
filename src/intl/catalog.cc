#include "intl/catalog.h"

#include <set>
#include <stdexcept>

#include <toml++/toml.h>

namespace gz::intl::detail {
namespace {

const CatalogFile* find(std::string_view language) {
  for (const CatalogFile& f : kCatalogFiles) {
    if (f.language == language) return &f;
  }
  return nullptr;
}

std::vector<Message> parse(const CatalogFile& file) {
  const std::string name = "src/intl/catalog/" + std::string(file.language) + ".toml";
  toml::table table;
  try {
    table = toml::parse(file.toml, std::string_view(name));
  } catch (const toml::parse_error& e) {
    throw std::logic_error(name + ": " + std::string(e.description()));
  }
  std::vector<Message> out;
  for (auto&& [key, value] : table) {
    const auto* s = value.as_string();
    if (!s) throw std::logic_error(name + ": '" + std::string(key.str()) + "' is not a string");
    out.push_back({std::string(key.str()), s->get()});
  }
  return out;
}

}  // namespace

std::vector<Message> catalog(std::string_view language) {
  const CatalogFile* english = find("en");
  if (!english) throw std::logic_error("no English message catalogue");
  const CatalogFile* file = find(language);
  std::vector<Message> messages = parse(file ? *file : *english);
  if (file && file != english) {
    std::set<std::string> keys;
    for (const Message& m : messages) keys.insert(m.key);
    for (const Message& m : parse(*english)) {
      if (!keys.count(m.key)) {
        throw std::logic_error("src/intl/catalog/" + std::string(language) + ".toml lacks '" +
                               m.key + "'");
      }
    }
  }
  return messages;
}

std::vector<std::string> catalog_languages() {
  std::vector<std::string> out;
  for (const CatalogFile& f : kCatalogFiles) out.emplace_back(f.language);
  return out;
}

}  // namespace gz::intl::detail
