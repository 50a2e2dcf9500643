// What a run remembers in the state dir, so runs are safe to repeat: the
// delivery journal (who got which message) and the content hash of each
// output last built (--if-changed). Both are plain tab-separated text.
// Every file here is opened with O_NOFOLLOW and checked to be a regular
// file: a symbolic link planted in the state folder is refused, never
// followed (README "Guarantees").
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <tuple>

namespace gz {

// One message to one recipient. key identifies what the recipient reads
// (deliver/ never computes it: app/email.cc's delivery_key), so an edit
// that changes nothing a recipient sees, or a Gazette upgrade, is not a
// new message.
struct Delivery {
  std::string variant;  // the output path inside --output-dir
  std::string period;   // "2021-07"
  std::string recipient;
  std::string key;
  auto operator<=>(const Delivery&) const = default;
};

enum class DeliveryState {
  None,       // never sent, or refused for sure (send it)
  Sent,       // the server accepted it
  Uncertain,  // the message went out but no answer came back (or the run
              // died mid-transaction): it may have arrived; only --resend
              // sends it again
};

// journal.tsv: one line per event, appended with one write() and fsync'd:
//   time  status  variant  period  recipient  key
// status is "sending" (written, and flushed, before the message is given to
// the server: a journal that cannot be written stops the run before
// anything is sent), then "sent" or "uncertain"; a message that surely did
// not arrive has its "sending" line taken back (retract). A "sending"
// without an outcome is uncertain. ("failed" lines count as not sent.) Lines of five fields (time,
// variant, period, recipient, hash) are from Gazette 0.1: they count as sent for their variant,
// period and recipient whatever the content.
//
// journal.lock: one lock per state folder, whatever --shard: a run holds it
// from before it reads the journal to after it records the outcome of each
// message, and re-reads what other runs appended each time it takes it.
class Journal {
 public:
  explicit Journal(std::string state_dir);
  ~Journal();
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  // Takes the lock (waiting for it) and reads what was appended since the
  // last time. Throws Failure (exit 1).
  void lock();
  void unlock();
  DeliveryState state(const Delivery& d) const;
  // Appends "when status ..." and flushes it to disk; only under lock().
  // Throws Failure (exit 1) when the line cannot be written and synced.
  void record(const Delivery& d, const std::string& status, int64_t when_unix);
  // Takes back the "sending" line just recorded for d (truncating the file
  // to its size before it, under the lock): for a message that surely did
  // not reach the server (refused before MAIL FROM, a 4xx or 5xx reply), so
  // that the journal only ever holds what may have been delivered.
  void retract(const Delivery& d);

  const std::string& path() const { return path_; }

 private:
  void catch_up();
  void apply(const std::string& line);

  std::string dir_, path_, lock_path_;
  int lock_fd_ = -1;
  int fd_ = -1;  // journal.tsv, open while locked
  dev_t dev_ = 0;
  ino_t ino_ = 0;
  off_t read_to_ = 0;          // bytes of the file already parsed
  bool ends_clean_ = true;     // the file ends with a line break (or is empty)
  off_t before_sending_ = -1;  // size before the last "sending" line
  std::string status_before_;  // d's status before it
  bool clean_before_ = true;
  std::map<std::tuple<std::string, std::string, std::string>, std::string> last_;  // status
  std::set<std::tuple<std::string, std::string, std::string>> legacy_;
};

// built.tsv: absolute output path -> content hash of what it was built from
// and SHA-256 of the bytes written there, so a file changed or replaced
// since is built again rather than trusted (or attached to an email).
class BuiltHashes {
 public:
  explicit BuiltHashes(std::string path);
  struct Entry {
    std::string hash;   // content_hash of the variant
    std::string bytes;  // SHA-256 of the file's bytes
  };
  Entry get(const std::string& output) const;  // empty fields when unknown
  void set(const std::string& output, Entry e) { hashes_[output] = std::move(e); }
  // Written atomically: a killed run keeps the previous state.
  void save() const;

 private:
  std::string path_;
  std::map<std::string, Entry> hashes_;
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

// Opens an existing file for reading with O_NOFOLLOW and checks that it is
// a regular file. Returns -1 with errno ENOENT when it does not exist;
// throws Failure (exit 1) for anything else (a symbolic link, a folder...).
int open_regular_file(const std::string& path);
// The bytes of path, read as open_regular_file opens it; "" when missing.
std::string read_regular_file(const std::string& path, bool* exists = nullptr);

}  // namespace gz
