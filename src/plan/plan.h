// The plan of a run: every spec read and checked before any source is
// fetched or read. `check`, `list`, `fetch` and `build` all start here.
// make_plan reads each spec, resolves every name in it (locale, time zone,
// source languages, aliases, regions, countries, languages, fonts), checks
// every template (output paths, split keys, the mail set-up), expands
// [[variants]] and the splits known without bulletins (locale, region), and
// fills the ReliefWeb queries from the selection. Each mistake is reported
// once, at its position; a spec with one is left out of the plan. What is
// left can only fail on what the sources hold or the outside world does.
// The plan is not changed once made: running it reads what it says, selects,
// renders and sends.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/report.h"
#include "plan/fonts.h"
#include "plan/mail.h"
#include "plan/world.h"
#include "select/period.h"
#include "select/resolve.h"
#include "spec/spec.h"
#include "text/font_set.h"

namespace gz {

struct PlanOptions {
  std::string command = "build";  // "build", "list", "check" or "fetch"
  std::optional<Date> as_of;      // --as-of; else today in each spec's time zone
  std::string font_dir;           // the bundled fonts (--font-dir, else World::font_dir())
  bool sends = false;             // build --send without --dry-run: mail set-ups are settled
};

// One PDF to select and render; with split_by "country", one per country
// the selection's bulletins name (their names are known only then).
struct PlannedDigest {
  Spec spec;  // with its variant's keys and its locale or region split applied
  Selection sel;
  Date as_of;
  Period period;
  bool by_country = false;
  std::string rel_path;  // inside --output-dir; "" when by_country (see country_digest)
  // How its [email] reaches the server, when the command sends or checks.
  std::optional<MailPlan> mail;
};

struct PlannedSpec {
  Spec spec;                       // as read, its ReliefWeb queries filled
  std::vector<FamilyFiles> fonts;  // the fallback chain ([layout] fonts resolved)
  // Every source of the spec and of its variants, in spec order: what the
  // corpus phase fetches and reads for it.
  std::vector<SourceSpec> sources;
  // The digests of each [[variants]] entry (one entry for a spec without);
  // those of an entry read the same sources (one pool of bulletins).
  std::vector<std::vector<PlannedDigest>> groups;
  // What `check` prints about the mail set-up ("" without [email]).
  std::string mail_summary;
};

struct Plan {
  std::vector<PlannedSpec> specs;  // those without errors, in the order given
  int exit_code = 0;               // 0, or the worst exit code of the specs left out
};

// Plans each spec of paths; every diagnostic goes to reporter as each spec
// is planned. Never throws for a spec's mistakes: the spec is left out.
Plan make_plan(const std::vector<std::string>& paths, const PlanOptions& opts, const World& world,
               Reporter& reporter);

// A by_country digest for the country code: its selection narrowed to that
// country, its name in the report locale, and its output path. Errors (a
// path the country's name makes invalid) go to diags and leave rel_path "".
PlannedDigest country_digest(const PlannedDigest& d, const std::string& code, Diagnostics& diags);

// The error for two digests that would write the same file, at the output
// path of the second.
void report_same_path(const Spanned& output_path, const std::string& rel_path, Diagnostics& diags);

}  // namespace gz
