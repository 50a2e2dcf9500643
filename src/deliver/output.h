// Where outputs go, and writing them so a crash never leaves half a file.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>

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

// Writes bytes to path through a temporary file in the same folder, flushed
// to disk and renamed over path: readers see the old file or the new one,
// never a part. Creates missing parent folders. A symbolic link at path is
// replaced, not followed; a character device or FIFO there (/dev/null) is
// written to directly, as it cannot be replaced; a folder or any other kind
// of file there is an error. Throws Failure (exit 1).
// before_rename runs once the temporary file is complete and flushed (tests
// stop the process there to kill it mid-write).
void write_file_atomically(const std::string& path, std::string_view bytes,
                           const std::function<void()>& before_rename = {});

}  // namespace gz
