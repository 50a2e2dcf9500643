// Choosing the bulletins of a report: by period, country and language.
#pragma once

#include <vector>

#include "corpus/bulletin.h"
#include "select/resolve.h"

namespace gz {

// The bulletins in period whose countries meet the selection and whose
// language is kept, in chronological order (ties keep input order). When the
// spec names regions or countries, a bulletin naming no country is left out.
std::vector<const Bulletin*> select_bulletins(const std::vector<const Bulletin*>& all,
                                              const Selection& sel, const Period& period);
std::vector<const Bulletin*> select_bulletins(const std::vector<Bulletin>& all,
                                              const Selection& sel, const Period& period);

// Whether a bulletin language ("es-MX") is one of the kept languages ("es").
bool language_kept(const std::string& lang, const std::vector<std::string>& kept);

}  // namespace gz
