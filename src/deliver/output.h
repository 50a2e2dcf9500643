// Where outputs go, and writing them so a crash never leaves half a file.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "base/byte_sink.h"
#include "base/diag.h"

namespace gz {

// Expands "{region}-{period}.pdf" with values (made safe for file names:
// path separators and control characters become '-'). The result is a
// relative path that stays inside the output folder; a template that is
// absolute, climbs out with "..", names an unknown placeholder or has an
// unbalanced brace is reported at the template's position and "" returned.
std::string expand_output_path(const Spanned& tmpl,
                               const std::map<std::string, std::string>& values,
                               Diagnostics& diags);

// Makes a value safe as one file-name component.
std::string safe_file_component(std::string_view value);

// A file written through a temporary file in the same folder, flushed to
// disk and renamed over path by commit(): readers see the old file or the
// new one, never a part, and a writer that fails (an exception before
// commit) leaves the old file as it was. Creates missing parent folders. A
// symbolic link at path is replaced, not followed; a character device or
// FIFO there (/dev/null) is written to directly, as it cannot be replaced; a
// folder or any other kind of file there is an error. Throws Failure
// (exit 1).
class AtomicFile final : public ByteSink {
 public:
  explicit AtomicFile(std::string path);
  ~AtomicFile() override;  // without commit(): the temporary file is removed
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  AtomicFile(AtomicFile&& other) noexcept;  // other is left with nothing to commit
  AtomicFile& operator=(AtomicFile&&) = delete;

  void write(std::string_view bytes) override;
  // before_rename runs once the temporary file is complete and flushed
  // (tests stop the process there to kill it mid-write).
  void commit(const std::function<void()>& before_rename = {});
  // Bytes written so far.
  size_t size() const { return size_; }

 private:
  void flush();
  void abandon(const char* what);

  std::string path_;
  std::string tmp_;  // "" for a device
  std::string dir_;
  int fd_ = -1;
  size_t size_ = 0;
  std::string buf_;  // written in blocks, not a system call per page
};

// All of bytes through an AtomicFile.
void write_file_atomically(const std::string& path, std::string_view bytes,
                           const std::function<void()>& before_rename = {});

}  // namespace gz
