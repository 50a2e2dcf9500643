// Files on disk: reading one whole, and the files a bulletin source names
// (a file, a folder or a glob). Internal to src/corpus.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gz::corpus_detail {

// Reads the whole file into *out; returns 0 or the errno of the failure
// (EISDIR for a folder; EFBIG past max bytes, having read at most max + 1).
int read_whole_file(const std::string& path, std::string* out, size_t max);

// True when path holds a glob character: '*', '?' or '['.
bool is_glob(std::string_view path);

// Matches a path against a glob, segment by segment ('/'-separated): '*',
// '?' and [...] within a segment, '**' for any number of whole segments.
bool glob_match(std::string_view pattern, std::string_view path);

// The files of a bulletin source, sorted by path (byte order) so that every
// run reads them in the same order: every *.md under a folder, recursively;
// the files a glob matches; else the path itself. Unreadable sub-folders are
// passed over.
std::vector<std::string> bulletin_files(const std::string& path);

}  // namespace gz::corpus_detail
