#include "corpus/corpus.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <tuple>

#include "base/parallel.h"
#include "corpus/sources.h"
#include "geo/geo.h"

namespace gz {
namespace {

using Aliases = std::vector<std::pair<std::string, std::string>>;

// What a source gave: its bulletins, or its failure, and its warnings.
struct Entry {
  std::vector<Bulletin> list;
  Diagnostics warnings;
  std::exception_ptr failure;  // thrown again each time the source is asked for
  bool reported = false;       // its warnings have gone to a Reporter
};

// Reads and tags sources; one per thread (neither the date parsers nor the
// taggers are shared).
class Reader {
 public:
  Entry load(const SourceSpec& src, const FetchedSource* fetched) {
    Entry e;
    try {
      if (src.kind == SourceKind::Path) {
        e.list = reader_.read(src, e.warnings);
      } else if (fetched) {
        for (const auto& w : fetched->warnings.items()) e.warnings.add(w);
        if (fetched->failure) std::rethrow_exception(fetched->failure);
        e.list = reader_.read_fetched(src, fetched->bodies, e.warnings);
      }
      tag(src, e.list);
    } catch (...) {
      e.list.clear();
      e.failure = std::current_exception();
    }
    return e;
  }

  void release_buffer() { reader_.release_buffer(); }

 private:
  // Countries a source gives win; text is searched only where it gives none.
  void tag(const SourceSpec& src, std::vector<Bulletin>& list) {
    for (Bulletin& b : list) {
      if (!b.countries.empty()) continue;
      const geo::CountryTagger& t = tagger(b.lang, src.aliases);
      switch (src.countries_from) {
        case CountriesFrom::TitleThenBody:
          b.countries = t.tag_bulletin(b.title, b.paragraphs);
          break;
        case CountriesFrom::Title:
          b.countries = t.tag(b.title);
          break;
        case CountriesFrom::None:
          break;
      }
    }
  }

  const geo::CountryTagger& tagger(const std::string& lang, const Aliases& aliases) {
    auto key = std::make_pair(lang, aliases);
    auto it = taggers_.find(key);
    if (it == taggers_.end()) it = taggers_.emplace(key, geo::CountryTagger(lang, aliases)).first;
    return it->second;
  }

  CorpusReader reader_;
  std::map<std::pair<std::string, Aliases>, geo::CountryTagger> taggers_;
};

// What identifies a source's bulletins: the countries_from and aliases
// change their countries.
using Key =
    std::tuple<std::string, std::string, std::string, OnBadBulletin, CountriesFrom, Aliases>;
Key key_of(const SourceSpec& src) {
  return {src.path,   format_name(src.format), src.lang, src.on_bad_bulletin, src.countries_from,
          src.aliases};
}

// The copies dropped, by source, in the order first seen.
std::vector<std::pair<std::string, size_t>> count_by_source(
    const std::vector<const Bulletin*>& dropped) {
  std::vector<std::pair<std::string, size_t>> by_source;
  for (const Bulletin* b : dropped) {
    auto it = std::find_if(by_source.begin(), by_source.end(),
                           [&](const auto& e) { return e.first == b->origin.file; });
    if (it == by_source.end()) {
      by_source.emplace_back(b->origin.file, 1);
    } else {
      ++it->second;
    }
  }
  return by_source;
}

}  // namespace

size_t BulletinPool::merged_count() const {
  size_t n = 0;
  for (const auto& [file, count] : merged) n += count;
  return n;
}

struct Corpus::State {
  const FetchedSource* fetched_of(const SourceSpec& src) const {
    auto it = fetched.find(src.path);
    return it == fetched.end() ? nullptr : &it->second;
  }

  std::map<Key, Entry> cache;  // std::map: the lists stay where they are
  std::map<std::string, FetchedSource> fetched;
  Reader reader;  // bulletins()'s, on the calling thread
  // Pools by the lists they are made of (which never move, so their
  // addresses identify them).
  std::map<std::vector<const std::vector<Bulletin>*>, BulletinPool> pools;
};

Corpus::Corpus() : state_(std::make_unique<State>()) {}
Corpus::~Corpus() = default;

void Corpus::set_fetched(const std::string& path, FetchedSource fetched) {
  state_->fetched[path] = std::move(fetched);
}

bool Corpus::has_fetched(const std::string& path) const { return state_->fetched.count(path) > 0; }

void Corpus::read(const std::vector<SourceSpec>& sources, int threads) {
  std::vector<std::pair<const SourceSpec*, Entry*>> todo;
  for (const SourceSpec& src : sources) {
    auto [it, fresh] = state_->cache.try_emplace(key_of(src));
    if (fresh) todo.emplace_back(&src, &it->second);
  }
  threads = std::min<int>(threads, int(todo.size()));
  if (threads < 2) {  // bulletins() reads them
    for (auto& [src, entry] : todo) state_->cache.erase(key_of(*src));
    return;
  }
  init_source_readers();  // libxml2 wants this before threads use it
  parallel_for(
      todo.size(), threads, [](int) { return std::make_unique<Reader>(); },
      [&](std::unique_ptr<Reader>& reader, size_t i) {
        *todo[i].second = reader->load(*todo[i].first, state_->fetched_of(*todo[i].first));
      });
}

const std::vector<Bulletin>& Corpus::bulletins(const SourceSpec& src, Reporter& reporter) {
  auto [it, fresh] = state_->cache.try_emplace(key_of(src));
  Entry& e = it->second;
  if (fresh) e = state_->reader.load(src, state_->fetched_of(src));
  if (!e.reported) {
    reporter.report(e.warnings.items());  // with a failure: the bulletins skipped before it
    e.reported = true;
  }
  if (e.failure) std::rethrow_exception(e.failure);
  return e.list;
}

BulletinPool Corpus::pool(const std::vector<SourceSpec>& sources, Reporter& reporter) {
  // A source named twice is taken once: drop_duplicates would remove its
  // copies, but only after a spec naming one listing 10,000 times had
  // copied it 10,000 times into the pool.
  std::set<std::tuple<std::string, std::string, std::string>> taken;
  std::vector<const std::vector<Bulletin>*> lists;
  for (const SourceSpec& src : sources) {
    auto key = std::make_tuple(std::filesystem::path(src.path).lexically_normal().string(),
                               format_name(src.format), src.lang);
    if (!taken.insert(std::move(key)).second) continue;
    lists.push_back(&bulletins(src, reporter));
  }
  // This spec's sources are read, and rendering needs no file text.
  state_->reader.release_buffer();
  BulletinPool& pool = state_->pools[lists];
  if (!pool.bulletins) {
    auto all = std::make_shared<std::vector<const Bulletin*>>();
    size_t count = 0;
    for (const auto* list : lists) count += list->size();
    all->reserve(count);
    for (const auto* list : lists)
      for (const Bulletin& b : *list) all->push_back(&b);
    std::vector<const Bulletin*> dropped;
    drop_duplicates(*all, &dropped);  // a bulletin two sources share appears once
    pool.merged = count_by_source(dropped);
    pool.bulletins = std::move(all);
  }
  return pool;
}

}  // namespace gz
