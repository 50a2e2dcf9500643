// What a run remembers in the state dir, so runs are safe to repeat: the
// delivery journal (who got which digest) and the content hash of each
// output last built (--if-changed). Both are plain tab-separated text.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>

namespace gz {

// One delivered message: recorded per recipient, after the server accepted
// it, so a failed or interrupted run re-sends exactly what was not sent.
struct Delivery {
  std::string variant;  // the output path inside --output-dir
  std::string period;   // "2021-07"
  std::string recipient;
  std::string hash;  // content hash of the variant
  auto operator<=>(const Delivery&) const = default;
};

// journal.tsv: one line per delivery, appended (O_APPEND, one write per
// line, so concurrent shards do not interleave) and flushed as it happens.
class Journal {
 public:
  // Reads path if it exists. Throws Failure (exit 1) when it cannot.
  explicit Journal(std::string path);
  bool contains(const Delivery& d) const { return sent_.count(d) != 0; }
  // Appends and flushes to disk. Throws Failure (exit 1).
  void record(const Delivery& d, int64_t when_unix);

 private:
  std::string path_;
  std::set<Delivery> sent_;
};

// built.tsv: absolute output path -> content hash of what was written there.
class BuiltHashes {
 public:
  explicit BuiltHashes(std::string path);
  std::string get(const std::string& output) const;  // "" when unknown
  void set(const std::string& output, const std::string& hash) { hashes_[output] = hash; }
  // Written atomically: a killed run keeps the previous state.
  void save() const;

 private:
  std::string path_;
  std::map<std::string, std::string> hashes_;
};

// An exclusive flock on a file in the state dir, held for the run and
// released when the process ends, however it ends.
class RunLock {
 public:
  // Returns false (and sets *holder to the pid written by the holder, if
  // any) when another process holds it and wait is false.
  bool acquire(const std::string& path, bool wait, std::string* holder);
  ~RunLock();

 private:
  int fd_ = -1;
};

}  // namespace gz
