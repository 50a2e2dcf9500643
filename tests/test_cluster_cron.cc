// The scheduling examples' month (examples/cron): their commands, run as
// written under a `date` that says it is 06:00 on 1 August 2021 in Geneva,
// build July for a spec in Costa Rica's time zone, where it is still
// 31 July. No faketime: only `date` is replaced, by a script on PATH.
#include <boost/test/unit_test.hpp>

#include <regex>

#include "support.h"

using namespace gz::test;
namespace fs = std::filesystem;

namespace {

const std::string kSource = GAZETTE_SOURCE_DIR;

// A folder with reports/monthly.toml (last month, Costa Rica's zone), and
// bin/date: /bin/date at 2021-08-01 04:00 UTC (06:00 in Geneva).
struct Scheduled {
  TempDir dir;
  Scheduled() {
    write_file(dir / "reports/monthly.toml",
               "title = \"Digest\"\ntime_zone = \"America/Costa_Rica\"\n\n[[sources]]\npath = \"" +
                   kSource +
                   "/examples/rosanjose-2021-07.txt\"\nlang = \"en\"\n\n[select]\n"
                   "period = \"last-month\"\n\n[output]\npath = \"{period}.pdf\"\n");
    write_file(dir / "bin/date", "#!/bin/sh\nexec /bin/date -d @1627790400 \"$@\"\n");
    fs::permissions(dir / "bin/date", fs::perms::owner_all);
  }
  // command as the example writes it, with this folder for /srv/gazette and
  // the binary under test for /usr/bin/gazette, run by sh in Geneva's zone.
  Result run_as_written(std::string command, const std::string& env = "") const {
    command = std::regex_replace(command, std::regex("/usr/bin/gazette"), GAZETTE_BINARY);
    command = std::regex_replace(command, std::regex("/srv/gazette"), dir.path().string());
    return run("env TZ=Europe/Zurich PATH=" + shell_quote(dir / "bin") + ":$PATH XDG_STATE_HOME=" +
               shell_quote(dir / "state") + " " + env + " sh -c " + shell_quote(command));
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(cron)

BOOST_AUTO_TEST_CASE(the_fake_clock_straddles_the_month) {
  Scheduled s;
  BOOST_TEST(s.run_as_written("date +%F").out == "2021-08-01\n");
  BOOST_TEST(s.run_as_written("TZ=America/Costa_Rica date '+%F %H:%M'").out ==
             "2021-07-31 22:00\n");
  // What "today in the spec's time_zone" would have built: June, empty.
  Result r = run(std::string(GAZETTE_BINARY) + " list --as-of 2021-07-31 " +
                 shell_quote(s.dir / "reports/monthly.toml"));
  BOOST_TEST(r.code == 0);
  BOOST_TEST(r.out == "");
}

BOOST_AUTO_TEST_CASE(crontab_builds_last_month_of_the_servers_date,
                     *boost::unit_test::label("slow")) {
  Scheduled s;
  const std::string crontab = read_file(kSource + "/examples/cron/crontab");
  std::smatch m;
  BOOST_TEST_REQUIRE(std::regex_search(crontab, m, std::regex("\n0 +6 +1 +\\* +\\* +([^\n]+)")));
  // cron turns \% into % (an unescaped % would end the command).
  std::string command = std::regex_replace(m[1].str(), std::regex("\\\\%"), "%");
  Result r = s.run_as_written(command);
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(fs::exists(s.dir / "out/2021-07.pdf"));
  BOOST_TEST(!fs::exists(s.dir / "out/2021-06.pdf"));
}

BOOST_AUTO_TEST_CASE(systemd_service_builds_last_month_of_the_machines_date,
                     *boost::unit_test::label("slow")) {
  Scheduled s;
  const std::string unit = read_file(kSource + "/examples/cron/gazette.service");
  std::smatch m;
  BOOST_TEST_REQUIRE(std::regex_search(unit, m, std::regex("\nExecStart=/bin/sh -c '([^\n]+)'\n")));
  std::string command = std::regex_replace(m[1].str(), std::regex("%%"), "%");  // systemd's %%
  Result r = s.run_as_written(command, "STATE_DIRECTORY=" + shell_quote(s.dir / "state"));
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(fs::exists(s.dir / "out/2021-07.pdf"));
  // Exit 75 is retried; 1 and 2 are not.
  BOOST_TEST(unit.find("\nRestart=on-failure\n") != std::string::npos);
  BOOST_TEST(unit.find("\nRestartPreventExitStatus=1 2\n") != std::string::npos);
  BOOST_TEST(std::regex_search(unit, std::regex("\nRestartSec=[0-9]+")));
}

BOOST_AUTO_TEST_SUITE_END()
