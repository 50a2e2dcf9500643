// The plan phase alone (plan/plan.h): specs in, an immutable plan out, with
// a pinned clock and environment. No source is read here: the specs name
// sources that do not exist, and planning must not care.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <map>
#include <string>

#include "base/report.h"
#include "plan/plan.h"
#include "support.h"

using namespace gz;
using namespace gz::test;
namespace fs = std::filesystem;

namespace {

class PinnedWorld : public World {
 public:
  int64_t now_unix() const override { return 1627776000; }  // 2021-08-01T00:00:00Z
  std::optional<std::string> env(const std::string& name) const override {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  }
  std::string font_dir() const override { return std::string(GAZETTE_SOURCE_DIR) + "/fonts"; }
  std::map<std::string, std::string> vars;
};

struct Planned {
  Plan plan;
  std::string err;  // what the reporter was given, as stderr would show it
};

Planned plan_of(const std::vector<std::string>& paths, const std::string& command = "build",
                const PinnedWorld& world = PinnedWorld(), bool sends = false) {
  PlanOptions opts;
  opts.command = command;
  opts.font_dir = world.font_dir();
  opts.sends = sends;
  CollectingReporter reporter;
  Planned out;
  out.plan = make_plan(paths, opts, world, reporter);
  out.err = reporter.text();
  return out;
}

const std::string kHead =
    "title = \"Digest\"\n"
    "locale = \"en\"\n"
    "time_zone = \"UTC\"\n"
    "[[sources]]\n"
    "path = \"missing.txt\"\n"
    "lang = \"en\"\n";

}  // namespace

BOOST_AUTO_TEST_SUITE(plan)

BOOST_AUTO_TEST_CASE(splits_become_digests_with_their_paths) {
  TempDir dir;
  write_file(dir / "s.toml", kHead +
                                 "[select]\nperiod = \"last-month\"\n"
                                 "regions = [\"013\", \"029\"]\n"
                                 "[output]\npath = \"{region}-{period}.pdf\"\n"
                                 "split_by = [\"region\"]\n");
  Planned p = plan_of({dir / "s.toml"});
  BOOST_TEST(p.err == "");
  BOOST_TEST(p.plan.exit_code == 0);
  BOOST_TEST_REQUIRE(p.plan.specs.size() == 1u);
  const PlannedSpec& ps = p.plan.specs[0];
  BOOST_TEST_REQUIRE(ps.groups.size() == 1u);
  BOOST_TEST_REQUIRE(ps.groups[0].size() == 2u);
  // "last-month" on 2021-08-01 in UTC is July 2021.
  BOOST_TEST(ps.groups[0][0].rel_path == "Central-America-2021-07.pdf");
  BOOST_TEST(ps.groups[0][1].rel_path == "Caribbean-2021-07.pdf");
  BOOST_TEST(ps.groups[0][0].period.first.iso() == "2021-07-01");
  BOOST_TEST(ps.groups[0][0].period.last.iso() == "2021-07-31");
  BOOST_TEST(!ps.groups[0][0].by_country);
  BOOST_TEST_REQUIRE(ps.sources.size() == 1u);
  BOOST_TEST(ps.sources[0].path.find("missing.txt") != std::string::npos);
  BOOST_TEST(!ps.fonts.empty());
}

BOOST_AUTO_TEST_CASE(a_country_split_is_named_when_its_bulletins_are_known) {
  TempDir dir;
  write_file(dir / "s.toml", kHead +
                                 "[select]\nperiod = \"2021-07\"\ncountries = [\"PA\", \"CR\"]\n"
                                 "[output]\npath = \"{country}.pdf\"\nsplit_by = [\"country\"]\n");
  Planned p = plan_of({dir / "s.toml"});
  BOOST_TEST_REQUIRE(p.plan.specs.size() == 1u, p.err);
  const PlannedDigest& d = p.plan.specs[0].groups.at(0).at(0);
  BOOST_TEST(d.by_country);
  BOOST_TEST(d.rel_path == "");
  Diagnostics diags;
  PlannedDigest panama = country_digest(d, "PA", diags);
  BOOST_TEST(!diags.has_errors());
  BOOST_TEST(panama.rel_path == "Panama.pdf");
  BOOST_TEST((panama.sel.countries == std::set<std::string>{"PA"}));
}

BOOST_AUTO_TEST_CASE(every_spec_is_checked_and_a_wrong_one_left_out) {
  TempDir dir;
  write_file(dir / "good.toml",
             kHead + "[select]\nperiod = \"2021-07\"\n[output]\npath = \"g.pdf\"\n");
  write_file(dir / "bad.toml", kHead +
                                   "[select]\nperiod = \"2021-07\"\ncountries = [\"Atlantis\"]\n"
                                   "[output]\npath = \"b.pdf\"\n");
  Planned p = plan_of({dir / "bad.toml", dir / "good.toml"});
  BOOST_TEST(p.plan.exit_code == 2);
  BOOST_TEST_REQUIRE(p.plan.specs.size() == 1u);
  BOOST_TEST(p.plan.specs[0].spec.file == (dir / "good.toml"));
  BOOST_TEST(p.err.find((dir / "bad.toml") + ":9:14: error: ") == 0, p.err);
}

BOOST_AUTO_TEST_CASE(a_mistake_shared_by_variants_is_reported_once) {
  TempDir dir;
  write_file(dir / "s.toml", kHead +
                                 "[select]\nperiod = \"2021-07\"\ncountries = [\"Atlantis\"]\n"
                                 "[output]\npath = \"{locale}.pdf\"\n"
                                 "[[variants]]\nlocale = \"en\"\n"
                                 "[[variants]]\nlocale = \"es\"\n"
                                 "[[variants]]\nlocale = \"fr\"\n");
  Planned p = plan_of({dir / "s.toml"});
  BOOST_TEST(p.plan.specs.empty());
  size_t errors = 0;
  for (size_t at = p.err.find("error:"); at != std::string::npos; at = p.err.find("error:", at + 1))
    ++errors;
  BOOST_TEST(errors == 1u, p.err);
  BOOST_TEST(p.err.find("s.toml:9:") != std::string::npos, p.err);
}

BOOST_AUTO_TEST_CASE(two_specs_writing_one_file_are_found_before_reading) {
  TempDir dir;
  const std::string spec =
      kHead + "[select]\nperiod = \"2021-07\"\n[output]\npath = \"same.pdf\"\n";
  write_file(dir / "a.toml", spec);
  write_file(dir / "b.toml", spec);
  Planned p = plan_of({dir / "a.toml", dir / "b.toml"});
  BOOST_TEST(p.plan.exit_code == 2);
  BOOST_TEST_REQUIRE(p.plan.specs.size() == 1u);
  BOOST_TEST(
      p.err.find((dir / "b.toml") +
                 ":10:8: error: two variants would both write 'same.pdf'; put the "
                 "placeholders of split_by ({region}, {country}, {locale}) in the path\n") == 0,
      p.err);
  // `list` writes nothing: both are listed.
  BOOST_TEST(plan_of({dir / "a.toml", dir / "b.toml"}, "list").plan.specs.size() == 2u);
}

BOOST_AUTO_TEST_CASE(the_mail_set_up_is_settled_when_sending) {
  TempDir dir;
  write_file(dir / "s.toml", kHead +
                                 "[select]\nperiod = \"2021-07\"\n[output]\npath = \"d.pdf\"\n"
                                 "[email]\nfrom = \"digest@gazette.example\"\n"
                                 "to = [\"desk@gazette.example\"]\n"
                                 "url = \"smtp://mail.gazette.example:587\"\n"
                                 "auth = \"plain\"\n");
  // Not sending: nothing to settle.
  Planned quiet = plan_of({dir / "s.toml"});
  BOOST_TEST_REQUIRE(quiet.plan.specs.size() == 1u, quiet.err);
  BOOST_TEST(!quiet.plan.specs[0].groups[0][0].mail);
  // Sending without a password: refused at auth, before any source is read.
  Planned refused = plan_of({dir / "s.toml"}, "build", PinnedWorld(), true);
  BOOST_TEST(refused.plan.specs.empty());
  BOOST_TEST(refused.plan.exit_code == 2);
  BOOST_TEST(refused.err.find("s.toml:15:8: error: auth = \"plain\" needs a password") !=
                 std::string::npos,
             refused.err);
  // A credentials file that cannot be read is the machine's failure (exit
  // 1), not the spec's; the spec is left out all the same.
  PinnedWorld unreadable;
  unreadable.vars = {{"GAZETTE_SMTP_CREDENTIALS", dir / "no-such-file"}};
  Planned failed = plan_of({dir / "s.toml"}, "build", unreadable, true);
  BOOST_TEST(failed.plan.specs.empty());
  BOOST_TEST(failed.plan.exit_code == 1);
  BOOST_TEST(failed.err.find("cannot read the SMTP credentials file") != std::string::npos,
             failed.err);
  PinnedWorld world;
  world.vars = {{"GAZETTE_SMTP_USER", "desk"}, {"GAZETTE_SMTP_PASSWORD", "s3cret"}};
  Planned sent = plan_of({dir / "s.toml"}, "build", world, true);
  BOOST_TEST_REQUIRE(sent.plan.specs.size() == 1u, sent.err);
  const auto& mail = sent.plan.specs[0].groups[0][0].mail;
  BOOST_TEST_REQUIRE(mail.has_value());
  BOOST_TEST(mail->server.user == "desk");
  BOOST_TEST(mail->secret_from == "GAZETTE_SMTP_PASSWORD");
  // check says how mail goes, never the secret.
  Planned checked = plan_of({dir / "s.toml"}, "check", world);
  BOOST_TEST_REQUIRE(checked.plan.specs.size() == 1u, checked.err);
  const std::string& summary = checked.plan.specs[0].mail_summary;
  BOOST_TEST(summary.find(": email through smtp://mail.gazette.example:587\n") != std::string::npos,
             summary);
  BOOST_TEST(summary.find("s3cret") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(reliefweb_queries_are_filled_from_the_selection) {
  TempDir dir;
  write_file(dir / "s.toml",
             "title = \"Digest\"\nlocale = \"en\"\ntime_zone = \"UTC\"\n"
             "[[sources]]\nreliefweb = { appname = \"gazette-test\" }\nlang = \"en\"\n"
             "[select]\nperiod = \"2021-07\"\ncountries = [\"PA\", \"CR\"]\n"
             "[output]\npath = \"d.pdf\"\n");
  Planned p = plan_of({dir / "s.toml"});
  BOOST_TEST_REQUIRE(p.plan.specs.size() == 1u, p.err);
  const SourceSpec& src = p.plan.specs[0].sources.at(0);
  BOOST_TEST_REQUIRE(src.reliefweb.has_value());
  BOOST_TEST(src.reliefweb->from == "2021-06-30");
  BOOST_TEST(src.reliefweb->to == "2021-08-01");
  BOOST_TEST((src.reliefweb->iso3 == std::vector<std::string>{"cri", "pan"}));
  // The digest reads the same, filled source.
  BOOST_TEST(p.plan.specs[0].groups[0][0].spec.sources.at(0).path == src.path);
}

BOOST_AUTO_TEST_SUITE_END()
