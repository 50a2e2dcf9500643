// libcurl is loaded when Gazette first calls it (curl_library.cc): a run
// that neither sends email nor fetches a source never loads it.
#pragma once

namespace gz {

// Whether libcurl is loaded in this process (for tests).
bool curl_library_loaded();

}  // namespace gz
