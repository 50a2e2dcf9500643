// The digest's fixed messages: ICU MessageFormat patterns with named
// arguments, one catalogue per language kept as data in
// src/intl/catalog/<language>.toml and embedded at build time.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gz::intl::detail {

struct Message {
  std::string key;
  std::string pattern;
};

// A catalogue as embedded: its language subtag and its TOML text.
struct CatalogFile {
  std::string_view language;
  std::string_view toml;
};
extern const std::vector<CatalogFile> kCatalogFiles;  // generated: catalog_data.cc

// Every message in language (an ICU language subtag such as "pt"); English
// when there is no catalogue for that language. Throws std::logic_error when
// a catalogue is not valid TOML, has a value that is not a string, or lacks
// a key English has (the tests load every catalogue).
std::vector<Message> catalog(std::string_view language);

// The languages with a catalogue.
std::vector<std::string> catalog_languages();

}  // namespace gz::intl::detail
