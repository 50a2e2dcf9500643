// drop_duplicates (sources.h): a bulletin read from two sources, a feed and
// a ReliefWeb export say, appears once in a digest.
#include <set>

#include "corpus/sources.h"
#include "intl/text.h"

namespace gz {
namespace {

// The same page whatever the link's spelling: http and https, the host's
// case, a final '/' and a #fragment do not change what it points to.
std::string url_key(std::string_view url) {
  if (size_t hash = url.find('#'); hash != std::string_view::npos) url = url.substr(0, hash);
  size_t scheme = url.find("://");
  if (scheme != std::string_view::npos) url.remove_prefix(scheme + 3);
  while (url.ends_with("/")) url.remove_suffix(1);
  std::string key(url);
  const size_t host_end = std::min(key.find('/'), key.size());
  for (size_t i = 0; i < host_end; ++i) {
    if (key[i] >= 'A' && key[i] <= 'Z') key[i] = char(key[i] - 'A' + 'a');
  }
  return key;
}

}  // namespace

void drop_duplicates(std::vector<const Bulletin*>& bulletins,
                     std::vector<const Bulletin*>* dropped) {
  std::set<std::string> urls;
  std::set<std::pair<int64_t, std::string>> titles;
  size_t kept = 0;
  for (const Bulletin* b : bulletins) {
    const bool has_url = !b->url.empty();
    std::string url = has_url ? url_key(b->url) : std::string();
    std::pair<int64_t, std::string> title{b->date.days(), intl::fold_for_match(b->title)};
    if ((has_url && urls.count(url)) || titles.count(title)) {
      if (dropped) dropped->push_back(b);
      continue;
    }
    if (has_url) urls.insert(std::move(url));
    titles.insert(std::move(title));
    bulletins[kept++] = b;
  }
  bulletins.resize(kept);
}

void drop_duplicates(std::vector<Bulletin>& bulletins) {
  std::vector<const Bulletin*> all;
  all.reserve(bulletins.size());
  for (const Bulletin& b : bulletins) all.push_back(&b);
  drop_duplicates(all);
  std::vector<Bulletin> kept;
  kept.reserve(all.size());
  for (const Bulletin* b : all) kept.push_back(std::move(bulletins[size_t(b - bulletins.data())]));
  bulletins = std::move(kept);
}

}  // namespace gz
