// End to end, scheduled runs: fan-out, --jobs, --shard, atomic output under
// SIGKILL, --if-changed, the lock, and email through a real SMTP server
// (tests/smtp_server.py, Debian's python3-aiosmtpd on 127.0.0.1).
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/socket.h>

#include <boost/test/unit_test.hpp>

#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "support.h"

using namespace gz::test;
namespace fs = std::filesystem;

namespace {

const std::string kGazette = GAZETTE_BINARY;
const std::string kSeed = std::string(GAZETTE_SOURCE_DIR) + "/examples/rosanjose-2021-07.txt";

// Every run gets its own state dir and short SMTP retry delays: no test
// sleeps, and no test touches the user's ~/.local/state.
Result gazette(const std::string& args, const TempDir& dir, const std::string& env = "") {
  return run(
      "env -u SOURCE_DATE_EPOCH -u GAZETTE_SMTP_USER -u GAZETTE_SMTP_PASSWORD "
      "-u GAZETTE_SMTP_CREDENTIALS LC_ALL=C.UTF-8 GAZETTE_SMTP_RETRY_DELAYS=0,0 "
      "XDG_STATE_HOME=" +
      shell_quote(dir / "state") + " " + env + " " + kGazette + " " + args);
}

std::string seed_spec(const std::string& select, const std::string& rest = "",
                      const std::string& top = "") {
  return "title = \"Digest\"\n" + top + "\n[[sources]]\npath = \"" + kSeed +
         "\"\nlang = \"en\"\n\n[select]\n" + select + "\n" + rest;
}

// Relative path -> bytes of every regular file under root.
std::map<std::string, std::string> files_under(const std::string& root) {
  std::map<std::string, std::string> out;
  if (!fs::exists(root)) return out;
  for (auto& e : fs::recursive_directory_iterator(root))
    if (e.is_regular_file()) out[fs::relative(e.path(), root).string()] = read_file(e.path());
  return out;
}

std::set<std::string> names_of(const std::map<std::string, std::string>& files) {
  std::set<std::string> out;
  for (const auto& [k, v] : files) out.insert(k);
  return out;
}

std::string pdftotext(const std::string& pdf) {
  Result r = run("pdftotext -enc UTF-8 " + shell_quote(pdf) + " -");
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  return squash(r.out);
}

const char* kFanOut = "[output]\nsplit_by = [\"region\"]\npath = \"{region}/{period}.pdf\"\n";
const char* kFourRegions =
    "period = \"2021-07\"\nregions = [\"013\", \"029\", \"005\"]\n"
    "countries = [\"GY\"]";

// The SMTP server of a test: started at a free port, stopped at the end.
class SmtpServer {
 public:
  SmtpServer() { proc_.start("smtp_server.py", dir_.path()); }
  std::string url() const { return "smtp://127.0.0.1:" + proc_.port(); }
  // Recipients whose RCPT TO gets this reply from now on.
  void refuse(const std::string& rules) { write_file(dir_ / "rules", rules); }
  // Recipients whose message is received, then the connection closed
  // ("drop") or left without a reply ("hang").
  void after_data(const std::string& rules) { write_file(dir_ / "data-rules", rules); }
  // Every RCPT TO the server saw, in order.
  std::vector<std::string> rcpt_log() const { return lines_of(read_file(dir_ / "rcpt.log")); }
  // Messages received per recipient.
  std::map<std::string, int> received() const {
    std::map<std::string, int> out;
    for (int n = 1; n <= count(); ++n) {
      auto lines = lines_of(get(n, "env"));
      for (size_t i = 1; i < lines.size(); ++i) ++out[lines[i]];
    }
    return out;
  }
  int count() const {
    int n = 0;
    while (fs::exists(dir_ / (std::to_string(n + 1) + ".env"))) ++n;
    return n;
  }
  std::string get(int n, const std::string& what) const {
    return read_file(dir_ / (std::to_string(n) + "." + what));
  }

 private:
  TempDir dir_;
  PythonServer proc_;
};

std::string email_table(const SmtpServer& smtp, const std::string& to,
                        const std::string& extra = "") {
  return "[email]\nfrom = \"Gazette <digest@gazette.example>\"\nto = [" + to + "]\nurl = \"" +
         smtp.url() + "\"\ntls = \"off\"\n" + extra;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(schedule)

BOOST_AUTO_TEST_CASE(fan_out_by_region_over_the_seed_gives_one_pdf_per_region,
                     *boost::unit_test::label("slow")) {
  TempDir dir;
  write_file(dir / "s.toml", seed_spec(kFourRegions, kFanOut));
  Result r =
      gazette("build " + shell_quote(dir / "s.toml") + " -o " + shell_quote(dir / "out"), dir);
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(r.err == "");  // silent on success
  auto files = files_under(dir / "out");
  BOOST_TEST((names_of(files) ==
              std::set<std::string>{"Caribbean/2021-07.pdf", "Central-America/2021-07.pdf",
                                    "Guyana/2021-07.pdf", "South-America/2021-07.pdf"}));
  std::string ca = pdftotext(dir / "out/Central-America/2021-07.pdf");
  BOOST_TEST(ca.find("7 bulletins") != std::string::npos);
  BOOST_TEST(ca.find("Guyana concludes") == std::string::npos);
  std::string gy = pdftotext(dir / "out/Guyana/2021-07.pdf");
  BOOST_TEST(gy.find("1 bulletin") != std::string::npos, gy.substr(0, 300));
  BOOST_TEST(pdftotext(dir / "out/Caribbean/2021-07.pdf").find("0 bulletins") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(fan_out_by_country_locale_and_variants, *boost::unit_test::label("slow")) {
  TempDir dir;
  write_file(dir / "s.toml",
             seed_spec("period = \"2021-07\"\nregions = [\"013\"]",
                       "[output]\nsplit_by = [\"country\", \"locale\"]\non_empty = \"skip\"\n"
                       "path = \"{locale}/{country}.pdf\"\n",
                       "locale = [\"en\", \"es\"]\n"));
  Result r =
      gazette("build -v " + shell_quote(dir / "s.toml") + " -o " + shell_quote(dir / "out"), dir);
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  // Belize and Nicaragua have no bulletin in July 2021: skipped.
  BOOST_TEST((names_of(files_under(dir / "out")) ==
              std::set<std::string>{"en/Costa-Rica.pdf", "en/El-Salvador.pdf", "en/Guatemala.pdf",
                                    "en/Honduras.pdf", "en/Mexico.pdf", "en/Panama.pdf",
                                    "es/Costa-Rica.pdf", "es/El-Salvador.pdf", "es/Guatemala.pdf",
                                    "es/Honduras.pdf", "es/México.pdf", "es/Panamá.pdf"}));
  BOOST_TEST(r.err.find("skipped " + dir / "out/en/Belize.pdf (no bulletins)") != std::string::npos,
             r.err);
  BOOST_TEST(pdftotext(dir / "out/es/Panamá.pdf").find("2 boletines") != std::string::npos);

  // [[variants]] override any key; here the locale and the region.
  write_file(dir / "v.toml",
             seed_spec("period = \"2021-07\"\nregions = [\"013\"]",
                       "[output]\npath = \"{locale}-{region}.pdf\"\n"
                       "[[variants]]\nname = \"english\"\n"
                       "[[variants]]\nlocale = \"es\"\n[variants.select]\nregions = [\"005\"]\n"));
  r = gazette("build " + shell_quote(dir / "v.toml") + " -o " + shell_quote(dir / "v"), dir);
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST((names_of(files_under(dir / "v")) ==
              std::set<std::string>{"en-Central-America.pdf", "es-Sudamérica.pdf"}));
}

// Variants reading the same sources share one pool of bulletins; each still
// sees exactly its own sources, duplicates across them dropped.
BOOST_AUTO_TEST_CASE(each_variant_lists_the_bulletins_of_its_own_sources) {
  TempDir dir;
  write_file(dir / "a.txt",
             "2 July, 2021\n\nNews from Panama\n\nBody a.\n\n"
             "5 July, 2021\n\nShared news from Honduras\n\nBody.\n");
  write_file(dir / "b.txt",
             "5 July, 2021\n\nShared news from Honduras\n\nBody.\n\n"
             "9 July, 2021\n\nNews from Guatemala\n\nBody b.\n");
  const std::string a = "[[variants.sources]]\npath = \"a.txt\"\nlang = \"en\"\n";
  const std::string b = "[[variants.sources]]\npath = \"b.txt\"\nlang = \"en\"\n";
  write_file(dir / "s.toml",
             "title = \"T\"\n[[sources]]\npath = \"a.txt\"\nlang = \"en\"\n"
             "[select]\nperiod = \"2021-07\"\n"
             "[[variants]]\nname = \"a\"\n"
             "[[variants]]\nname = \"both\"\n" +
                 a + b + "[[variants]]\nname = \"b\"\n" + b +
                 "[[variants]]\nname = \"a-first-week\"\n"
                 "[variants.select]\nperiod = \"2021-07-01..2021-07-07\"\n"
                 "[[variants]]\nname = \"b-a\"\n" +
                 b + a);
  Result r = gazette("list " + shell_quote(dir / "s.toml"), dir);
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  const std::string pa = "2021-07-02\tPA\ten\tNews from Panama\t" + dir / "a.txt:1\n";
  const std::string hn_a = "2021-07-05\tHN\ten\tShared news from Honduras\t" + dir / "a.txt:7\n";
  const std::string hn_b = "2021-07-05\tHN\ten\tShared news from Honduras\t" + dir / "b.txt:1\n";
  const std::string gt = "2021-07-09\tGT\ten\tNews from Guatemala\t" + dir / "b.txt:7\n";
  BOOST_TEST(r.out == pa + hn_a +           // a
                          pa + hn_a + gt +  // both: the shared one from a.txt, read first
                          hn_b + gt +       // b
                          pa + hn_a +       // a, first week
                          pa + hn_b + gt,   // b then a: the shared one from b.txt
             r.out);
}

// A worker thread keeps its formatter for each report locale: variants in
// alternating locales come out as each locale alone gives them.
BOOST_AUTO_TEST_CASE(variants_in_alternating_locales_match_single_locale_runs,
                     *boost::unit_test::label("slow")) {
  TempDir dir;
  const std::string select = "period = \"2021-07\"\nregions = [\"013\", \"005\"]";
  const std::string output =
      "[output]\nsplit_by = [\"locale\", \"region\"]\npath = \"{region}-{locale}.pdf\"\n";
  write_file(dir / "both.toml", seed_spec(select, output, "locale = [\"en\", \"es\"]\n"));
  write_file(dir / "en.toml", seed_spec(select, output, "locale = \"en\"\n"));
  write_file(dir / "es.toml", seed_spec(select, output, "locale = \"es\"\n"));
  // Built in path order: Central-America-en, Centroamérica-es, South-America-en, Sudamérica-es.
  Result r = gazette(
      "build --jobs 1 " + shell_quote(dir / "both.toml") + " -o " + shell_quote(dir / "both"), dir);
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  for (const char* one : {"en", "es"}) {
    r = gazette("build " + shell_quote(dir / (std::string(one) + ".toml")) + " -o " +
                    shell_quote(dir / "single"),
                dir);
    BOOST_TEST_REQUIRE(r.code == 0, r.err);
  }
  auto both = files_under(dir / "both"), single = files_under(dir / "single");
  BOOST_TEST(both.size() == 4u);
  BOOST_TEST((names_of(both) == names_of(single)));
  for (const auto& [name, bytes] : both) BOOST_TEST((bytes == single[name]), name);
}

BOOST_AUTO_TEST_CASE(jobs_1_and_jobs_2_give_identical_bytes, *boost::unit_test::label("slow")) {
  TempDir dir;
  write_file(dir / "s.toml", seed_spec(kFourRegions, kFanOut));
  std::string spec = shell_quote(dir / "s.toml");
  BOOST_TEST_REQUIRE(gazette("build -j 1 " + spec + " -o " + shell_quote(dir / "a"), dir).code ==
                     0);
  BOOST_TEST_REQUIRE(
      gazette("build --jobs 2 " + spec + " -o " + shell_quote(dir / "b"), dir).code == 0);
  // Two threads for each of the four: layout, and the PDF writer.
  BOOST_TEST_REQUIRE(
      gazette("build --jobs 8 " + spec + " -o " + shell_quote(dir / "c"), dir).code == 0);
  auto a = files_under(dir / "a"), b = files_under(dir / "b"), c = files_under(dir / "c");
  BOOST_TEST(a.size() == 4u);
  BOOST_TEST((a == b));
  BOOST_TEST((a == c));
}

BOOST_AUTO_TEST_CASE(shards_together_give_exactly_the_full_run, *boost::unit_test::label("slow")) {
  TempDir dir;
  write_file(dir / "s.toml", seed_spec(kFourRegions, kFanOut));
  std::string spec = shell_quote(dir / "s.toml");
  BOOST_TEST_REQUIRE(gazette("build " + spec + " -o " + shell_quote(dir / "full"), dir).code == 0);
  BOOST_TEST_REQUIRE(
      gazette("build --shard 1/2 " + spec + " -o " + shell_quote(dir / "s1"), dir).code == 0);
  BOOST_TEST_REQUIRE(
      gazette("build --shard=2/2 " + spec + " -o " + shell_quote(dir / "s2"), dir).code == 0);
  auto full = files_under(dir / "full"), s1 = files_under(dir / "s1"), s2 = files_under(dir / "s2");
  BOOST_TEST(s1.size() == 2u);
  BOOST_TEST(s2.size() == 2u);
  auto both = s1;
  for (const auto& [k, v] : s2) BOOST_TEST(both.emplace(k, v).second, "in both shards: " << k);
  BOOST_TEST((both == full));
  Result bad = gazette("build --shard 3/2 " + spec, dir);
  BOOST_TEST(bad.code == 2);
  BOOST_TEST(first_line(bad.err) ==
             "gazette: error: --shard needs K/N with 1 <= K <= N, not '3/2'; for a Slurm array "
             "use --shard $((SLURM_ARRAY_TASK_ID+1))/N");
}

BOOST_AUTO_TEST_CASE(output_paths_that_escape_or_collide_are_refused) {
  TempDir dir;
  write_file(dir / "s.toml", seed_spec(kFourRegions,
                                       "[output]\nsplit_by = [\"region\"]\n"
                                       "path = \"{region}/../../x.pdf\"\n"));
  Result r =
      gazette("build " + shell_quote(dir / "s.toml") + " -o " + shell_quote(dir / "out"), dir);
  BOOST_TEST(r.code == 2);
  BOOST_TEST(first_line(r.err) == dir / "s.toml" +
                                      ":13:8: error: output path '{region}/../../x.pdf' leaves "
                                      "the output folder");
  BOOST_TEST(!fs::exists(dir / "out"));
  BOOST_TEST(!fs::exists(dir / "x.pdf"));
  // Split without a placeholder: every region would write the same file.
  write_file(dir / "s.toml",
             seed_spec(kFourRegions, "[output]\nsplit_by = [\"region\"]\npath = \"d.pdf\"\n"));
  r = gazette("build " + shell_quote(dir / "s.toml") + " -o " + shell_quote(dir / "out"), dir);
  BOOST_TEST(r.code == 2);
  BOOST_TEST(first_line(r.err) ==
             dir / "s.toml" +
                 ":13:8: error: two variants would both write 'd.pdf'; put the placeholders of "
                 "split_by ({region}, {country}, {locale}) in the path");
}

// The build is stopped (SIGSTOP, from a test hook) with the new PDF fully
// written to its temporary file but not yet renamed, then killed: the
// moment where a crash could do the most harm. No timing is involved.
BOOST_AUTO_TEST_CASE(a_build_killed_mid_way_leaves_the_previous_pdf,
                     *boost::unit_test::label("slow")) {
  TempDir dir;
  write_file(dir / "s.toml", seed_spec("period = \"2021-07\"", "[output]\npath = \"d.pdf\"\n"));
  BOOST_TEST_REQUIRE(
      gazette("build " + shell_quote(dir / "s.toml") + " -o " + shell_quote(dir / "out"), dir)
          .code == 0);
  std::string before = read_file(dir / "out/d.pdf");
  BOOST_TEST_REQUIRE(!before.empty());
  // A different digest, so a replaced file would show.
  write_file(dir / "s.toml", seed_spec("period = \"2021-07\"\nregions = [\"013\"]",
                                       "[output]\npath = \"d.pdf\"\n"));
  pid_t pid = fork();
  if (pid == 0) {
    setenv("GAZETTE_TEST_STOP_BEFORE_RENAME", "1", 1);
    std::string spec = dir / "s.toml", out = dir / "out";
    execl(kGazette.c_str(), kGazette.c_str(), "build", spec.c_str(), "-o", out.c_str(), nullptr);
    _exit(127);
  }
  int status = 0;
  BOOST_TEST_REQUIRE(waitpid(pid, &status, WUNTRACED) == pid);
  BOOST_TEST_REQUIRE(WIFSTOPPED(status));
  kill(pid, SIGKILL);
  waitpid(pid, &status, 0);
  BOOST_TEST(WIFSIGNALED(status));
  BOOST_TEST((read_file(dir / "out/d.pdf") == before));
  // What is left besides: only the hidden temporary, named as one.
  for (auto& e : fs::directory_iterator(dir / "out")) {
    std::string name = e.path().filename().string();
    BOOST_TEST((name == "d.pdf" || name.starts_with(".d.pdf.tmp-")), name);
  }
  // The next run replaces it, and removes the temporary file the killed
  // run left (of our own pattern, and held by nobody).
  write_file(dir / "out/.d.pdf.tmp-not-ours", "someone else's");  // not mkstemp's pattern
  BOOST_TEST_REQUIRE(
      gazette("build " + shell_quote(dir / "s.toml") + " -o " + shell_quote(dir / "out"), dir)
          .code == 0);
  BOOST_TEST((read_file(dir / "out/d.pdf") != before));
  BOOST_TEST((names_of(files_under(dir / "out")) ==
              std::set<std::string>{"d.pdf", ".d.pdf.tmp-not-ours"}));
}

// PDFs are flushed and renamed on threads of their own (deliver/committer.h)
// while the next digests are made; a rename that fails there fails its
// digest as it would have in place: the error at the PDF, exit 1, and no
// email of it (here --dry-run's .eml). The build is stopped before the
// rename, a folder put in the PDF's place, and the build let go on.
BOOST_AUTO_TEST_CASE(a_pdf_that_cannot_be_renamed_into_place_is_not_emailed,
                     *boost::unit_test::label("slow")) {
  TempDir dir;
  write_file(dir / "s.toml",
             seed_spec("period = \"2021-07\"",
                       "[output]\npath = \"d.pdf\"\n[email]\nfrom = \"d@example.org\"\n"
                       "to = [\"o@example.org\"]\nurl = \"smtp://127.0.0.1:1\"\ntls = \"off\"\n"));
  pid_t pid = fork();
  if (pid == 0) {
    setenv("GAZETTE_TEST_STOP_BEFORE_RENAME", "1", 1);
    std::string spec = dir / "s.toml", out = dir / "out", err = dir / "err";
    freopen(err.c_str(), "w", stderr);
    execl(kGazette.c_str(), kGazette.c_str(), "build", "--send", "--dry-run", spec.c_str(), "-o",
          out.c_str(), nullptr);
    _exit(127);
  }
  int status = 0;
  BOOST_TEST_REQUIRE(waitpid(pid, &status, WUNTRACED) == pid);
  BOOST_TEST_REQUIRE(WIFSTOPPED(status));
  std::filesystem::create_directories(dir / "out/d.pdf");
  write_file(dir / "out/d.pdf/x", "x");
  kill(pid, SIGCONT);
  BOOST_TEST_REQUIRE(waitpid(pid, &status, 0) == pid);
  BOOST_TEST_REQUIRE(WIFEXITED(status));
  BOOST_TEST(WEXITSTATUS(status) == 1);
  BOOST_TEST(read_file(dir / "err") ==
             dir / "out/d.pdf" + ": error: cannot rename into place: Is a directory\n");
  BOOST_TEST(!std::filesystem::exists(dir / "out/d.eml"));
  // No temporary file left, and nothing but the folder.
  BOOST_TEST((names_of(files_under(dir / "out")) == std::set<std::string>{"d.pdf/x"}));
}

BOOST_AUTO_TEST_CASE(if_changed_skips_unchanged_variants, *boost::unit_test::label("slow")) {
  TempDir dir;
  std::string listing = dir / "l.txt";
  write_file(listing, "2 July, 2021\n\nNews from Panama\n\nBody.\n");
  write_file(dir / "s.toml",
             "title = \"T\"\n[[sources]]\npath = \"l.txt\"\nlang = \"en\"\n"
             "[select]\nperiod = \"2021-07\"\n[output]\npath = \"d.pdf\"\n");
  std::string cmd =
      "build -v --if-changed " + shell_quote(dir / "s.toml") + " -o " + shell_quote(dir / "out");
  Result r = gazette(cmd, dir);
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(r.err.starts_with("gazette: wrote "), r.err);
  r = gazette(cmd, dir);
  BOOST_TEST(r.err == "gazette: unchanged " + dir / "out/d.pdf" + "\n");
  // A deleted output is built again, and so is a changed listing.
  fs::remove(dir / "out/d.pdf");
  BOOST_TEST(gazette(cmd, dir).err.starts_with("gazette: wrote "));
  write_file(listing, "2 July, 2021\n\nNews from Panama\n\nAnother body.\n");
  BOOST_TEST(gazette(cmd, dir).err.starts_with("gazette: wrote "));
  BOOST_TEST(gazette(cmd, dir).err.starts_with("gazette: unchanged "));
}

// A state folder written before Gazette hashed with OpenSSL (its own
// SHA-256 then) must still say "unchanged": the hash below is what that
// version stored for this spec and listing. (The hash covers Gazette's
// version too: a new version number changes it, on purpose.)
BOOST_AUTO_TEST_CASE(content_hash_is_the_one_earlier_versions_stored,
                     *boost::unit_test::label("slow")) {
  TempDir dir;
  write_file(dir / "l.txt", "2 July, 2021\n\nNews from Panama\n\nBody.\n");
  write_file(dir / "s.toml",
             "title = \"T\"\n[[sources]]\npath = \"l.txt\"\nlang = \"en\"\n"
             "[select]\nperiod = \"2021-07\"\n[output]\npath = \"d.pdf\"\n");
  const std::string hash = "644879ac5f57f9dd67b32bc64560238ba3ba1374e8a515e6a9c3d5fea003fcfc";
  std::string cmd =
      "build -v --if-changed " + shell_quote(dir / "s.toml") + " -o " + shell_quote(dir / "out");
  // The state folder and the PDF as the earlier version left them.
  write_file(dir / "state/gazette/built.tsv", dir / "out/d.pdf" + "\t" + hash + "\n");
  write_file(dir / "out/d.pdf", "%PDF-1.4 as written before\n");
  Result r = gazette(cmd, dir);
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(r.err == "gazette: unchanged " + dir / "out/d.pdf" + "\n");
  BOOST_TEST(read_file(dir / "out/d.pdf") == "%PDF-1.4 as written before\n");
  // Built again, it stores the same hash, and now the SHA-256 of the bytes.
  fs::remove(dir / "out/d.pdf");
  r = gazette(cmd, dir);
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(r.err.starts_with("gazette: wrote "), r.err);
  const std::string built = read_file(dir / "state/gazette/built.tsv");
  BOOST_TEST(built.starts_with(dir / "out/d.pdf" + "\t" + hash + "\t"), built);
  BOOST_TEST(built.size() == (dir / "out/d.pdf").size() + 1 + 64 + 1 + 64 + 1, built);
}

// The content hash is computed only by the runs that use it, in the worker
// threads: whichever run computes it, it is the same for the same content.
BOOST_AUTO_TEST_CASE(content_hash_is_the_same_whichever_run_computes_it,
                     *boost::unit_test::label("slow")) {
  TempDir dir;
  write_file(dir / "s.toml",
             seed_spec(kFourRegions,
                       std::string(kFanOut) +
                           "[email]\nfrom = \"digest@gazette.example\"\nto = [\"a@example.org\"]\n"
                           "url = \"smtps://mail.example.org\"\n"));
  const std::string spec = shell_quote(dir / "s.toml");
  auto message_ids = [](const std::string& out) {
    std::map<std::string, std::string> ids;
    for (const auto& [name, bytes] : files_under(out)) {
      if (!name.ends_with(".eml")) continue;
      size_t at = bytes.find("Message-ID: ");
      ids[name] = bytes.substr(at, bytes.find('\r', at) - at);
    }
    return ids;
  };
  // Email and --if-changed in one run, two threads.
  Result r = gazette(
      "build --send --dry-run --if-changed --jobs 2 " + spec + " -o " + shell_quote(dir / "out"),
      dir);
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  std::string built = read_file(dir / "state/gazette/built.tsv");
  std::set<std::string> hashes;
  for (const std::string& line : lines_of(built)) {
    size_t tab = line.find('\t');
    std::string hash = line.substr(tab + 1, line.find('\t', tab + 1) - tab - 1);
    BOOST_TEST(hash.size() == 64u, line);
    hashes.insert(hash);
  }
  BOOST_TEST(hashes.size() == 4u, built);  // one per variant, all different
  const auto ids = message_ids(dir / "out");
  BOOST_TEST_REQUIRE(ids.size() == 3u);  // the empty Caribbean is not emailed
  // Email alone, one thread: the same Message-IDs.
  r = gazette("build --send --dry-run --jobs 1 " + spec + " -o " + shell_quote(dir / "out2"), dir);
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST((message_ids(dir / "out2") == ids));
  // --if-changed alone: every variant is unchanged, and built.tsv too.
  r = gazette("build -v --if-changed " + spec + " -o " + shell_quote(dir / "out"), dir);
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(lines_of(r.err).size() == 4u, r.err);
  for (const std::string& line : lines_of(r.err))
    BOOST_TEST(line.starts_with("gazette: unchanged "), line);
  BOOST_TEST(read_file(dir / "state/gazette/built.tsv") == built);
}

BOOST_AUTO_TEST_CASE(a_second_run_exits_75_while_one_holds_the_lock,
                     *boost::unit_test::label("slow")) {
  TempDir dir;
  write_file(dir / "s.toml", seed_spec("period = \"2021-07\"", "[output]\npath = \"d.pdf\"\n"));
  fs::create_directories(dir / "state/gazette");
  std::string lock_path = dir / "state/gazette/gazette.lock";
  int fd = open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);  // not inherited
  BOOST_TEST_REQUIRE(fd >= 0);
  BOOST_TEST_REQUIRE(flock(fd, LOCK_EX) == 0);
  std::string cmd =
      "build --if-changed " + shell_quote(dir / "s.toml") + " -o " + shell_quote(dir / "out");
  Result r = gazette(cmd, dir);
  BOOST_TEST(r.code == 75);
  BOOST_TEST(r.err == "gazette: error: another gazette run holds " + lock_path +
                          "; exiting so it can finish (use --wait to wait for it)\n");
  BOOST_TEST(!fs::exists(dir / "out"));
  // Each slice of a sharded run has its own lock: slices run at once.
  Result shard = gazette(cmd + " --shard 1/2", dir);
  BOOST_TEST(shard.code == 0, shard.err);
  close(fd);
  BOOST_TEST(gazette(cmd, dir).code == 0);
}

BOOST_AUTO_TEST_CASE(with_wait_a_second_run_builds_once_the_lock_is_free,
                     *boost::unit_test::label("slow")) {
  TempDir dir;
  write_file(dir / "s.toml", seed_spec("period = \"2021-07\"", "[output]\npath = \"d.pdf\"\n"));
  fs::create_directories(dir / "state/gazette");
  std::string lock_path = dir / "state/gazette/gazette.lock";
  int fd = open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);  // not inherited
  BOOST_TEST_REQUIRE(flock(fd, LOCK_EX) == 0);
  // Whether the child reaches flock before or after the release below, it
  // must end with the PDF built: the outcome does not depend on timing.
  std::string cmd = "build --wait --if-changed " + shell_quote(dir / "s.toml") + " -o " +
                    shell_quote(dir / "out");
  Result r;
  std::thread second([&] { r = gazette(cmd, dir); });
  close(fd);
  second.join();
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(fs::exists(dir / "out/d.pdf"));
}

BOOST_AUTO_TEST_CASE(tls_required_refuses_a_server_without_starttls,
                     *boost::unit_test::label("slow")) {
  SmtpServer smtp;  // plain text only
  TempDir dir;
  write_file(dir / "s.toml",
             seed_spec("period = \"2021-07\"\nregions = [\"013\"]",
                       "[email]\nfrom = \"digest@gazette.example\"\nto = [\"a@example.org\"]\n"
                       "url = \"" +
                           smtp.url() + "\"\n"));
  Result r = gazette(
      "build --send " + shell_quote(dir / "s.toml") + " -o " + shell_quote(dir / "out"), dir);
  BOOST_TEST(r.code == 1);
  BOOST_TEST(r.err.starts_with("gazette: error: Central-America-2021-07.pdf: cannot send to "
                               "a@example.org through " +
                               smtp.url() + ": "),
             r.err);
  BOOST_TEST(smtp.count() == 0);
  BOOST_TEST(fs::exists(dir / "out/Central-America-2021-07.pdf"));  // built all the same
}

BOOST_AUTO_TEST_CASE(send_delivers_the_digest_in_the_report_language,
                     *boost::unit_test::label("slow")) {
  SmtpServer smtp;
  TempDir dir;
  write_file(dir / "s.toml",
             seed_spec("period = \"2021-07\"\nregions = [\"Centroamérica\"]",
                       email_table(smtp, "\"Ana <ana@example.org>\", \"luis@example.org\"",
                                   "bcc = [\"archive@example.org\"]\n"
                                   "subject = \"{region} — {period}\"\n"
                                   "list_unsubscribe = \"mailto:digest@gazette.example\"\n"),
                       "locale = \"es\"\n"));
  std::string cmd =
      "build --send " + shell_quote(dir / "s.toml") + " -o " + shell_quote(dir / "out");
  Result r = gazette(cmd, dir);
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(r.err == "");
  BOOST_TEST_REQUIRE(smtp.count() == 3);  // one transaction per recipient
  std::set<std::string> rcpts;
  for (int n = 1; n <= 3; ++n) {
    std::string env = smtp.get(n, "env");
    BOOST_TEST(first_line(env) == "digest@gazette.example");
    rcpts.insert(env.substr(env.find('\n') + 1));
  }
  BOOST_TEST((rcpts == std::set<std::string>{"ana@example.org\n", "luis@example.org\n",
                                             "archive@example.org\n"}));
  BOOST_TEST(smtp.get(1, "subject") == "Centroamérica — julio de 2021");
  std::string pdf = read_file(dir / "out/Centroamérica-2021-07.pdf");
  BOOST_TEST(!pdf.empty());
  BOOST_TEST((smtp.get(1, "pdf") == pdf));
  BOOST_TEST(smtp.get(1, "filename") == "Digest Centroamérica 2021-07.pdf");
  // The text part's lines end with CRLF on the wire, as mail requires.
  std::string body;
  for (char c : smtp.get(1, "body")) {
    if (c == '\n') BOOST_TEST_REQUIRE(body.ends_with("\r"));
    if (c == '\n') body.pop_back();
    body += c;
  }
  BOOST_TEST(body.starts_with("Digest\n\nPeriodo: julio de 2021\nRegiones: Centroamérica\n"
                              "7 boletines\n\n9 de julio de 2021 — Forum on Migration Policy"),
             body);
  BOOST_TEST(body.find("30 de julio de 2021 — IOM Builds Synergies within Local Migration "
                       "Networks in Honduras\n") != std::string::npos);
  BOOST_TEST(body.ends_with("El resumen va adjunto en PDF.\n"), body);
  std::string raw = smtp.get(1, "eml");
  BOOST_TEST(raw.find("\r\nTo: Ana <ana@example.org>, luis@example.org\r\n") != std::string::npos);
  BOOST_TEST(raw.find("archive@example.org") == std::string::npos);  // Bcc stays hidden
  BOOST_TEST(raw.find("List-Unsubscribe: <mailto:digest@gazette.example>\r\n") !=
             std::string::npos);
  BOOST_TEST(raw.find("@gazette.example>\r\n") != std::string::npos);  // Message-ID's domain
  // CRLF everywhere: no bare LF.
  for (size_t i = raw.find('\n'); i != std::string::npos; i = raw.find('\n', i + 1))
    BOOST_TEST_REQUIRE(raw[i - 1] == '\r');

  // The same run again sends nothing: the journal knows.
  r = gazette(cmd, dir);
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(smtp.count() == 3);
  // --resend does, and the message is the same one (same Message-ID).
  BOOST_TEST_REQUIRE(gazette(cmd + " --resend", dir).code == 0);
  BOOST_TEST(smtp.count() == 6);
  auto message_id = [](const std::string& eml) {
    size_t at = eml.find("Message-ID: ");
    return eml.substr(at, eml.find('\r', at) - at);
  };
  BOOST_TEST(message_id(smtp.get(4, "eml")) == message_id(raw));
}

BOOST_AUTO_TEST_CASE(a_temporary_failure_exits_75_and_the_next_run_delivers) {
  SmtpServer smtp;
  TempDir dir;
  write_file(dir / "s.toml",
             seed_spec("period = \"2021-07\"\nregions = [\"013\"]",
                       email_table(smtp, "\"ok@example.org\", \"late@example.org\"")));
  smtp.refuse("late@example.org 451 4.3.0 Mailbox busy, try later\n");
  std::string cmd =
      "build --send " + shell_quote(dir / "s.toml") + " -o " + shell_quote(dir / "out");
  Result r = gazette(cmd, dir);
  BOOST_TEST(r.code == 75);
  BOOST_TEST(r.err ==
             "gazette: error: Central-America-2021-07.pdf: cannot send to "
             "late@example.org through " +
                 smtp.url() +
                 ": 451 4.3.0 Mailbox busy, try later (temporary; the next run will "
                 "try again)\n");
  BOOST_TEST(smtp.count() == 1);  // ok@ got it, with three tries for late@
  smtp.refuse("");
  r = gazette(cmd, dir);
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(smtp.count() == 2);
  BOOST_TEST(smtp.get(2, "env") == "digest@gazette.example\nlate@example.org\n");
  BOOST_TEST(gazette(cmd, dir).code == 0);
  BOOST_TEST(smtp.count() == 2);
}

BOOST_AUTO_TEST_CASE(a_server_that_is_down_is_a_temporary_failure,
                     *boost::unit_test::label("slow")) {
  // A port nobody listens on: bound, then closed.
  int sock = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  BOOST_TEST_REQUIRE(bind(sock, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  BOOST_TEST_REQUIRE(getsockname(sock, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
  close(sock);
  std::string url = "smtp://127.0.0.1:" + std::to_string(ntohs(addr.sin_port));
  TempDir dir;
  write_file(dir / "s.toml",
             seed_spec("period = \"2021-07\"\nregions = [\"013\"]",
                       "[email]\nfrom = \"digest@gazette.example\"\nto = [\"a@example.org\"]\n"
                       "url = \"" +
                           url + "\"\ntls = \"off\"\n"));
  Result r = gazette(
      "build --send " + shell_quote(dir / "s.toml") + " -o " + shell_quote(dir / "out"), dir);
  BOOST_TEST(r.code == 75);
  BOOST_TEST(r.err.starts_with("gazette: error: Central-America-2021-07.pdf: cannot send to "
                               "a@example.org through " +
                               url + ": "),
             r.err);
  BOOST_TEST(r.err.ends_with(" (temporary; the next run will try again)\n"), r.err);
}

BOOST_AUTO_TEST_CASE(a_permanent_failure_exits_1_naming_the_recipient,
                     *boost::unit_test::label("slow")) {
  SmtpServer smtp;
  TempDir dir;
  write_file(
      dir / "s.toml",
      seed_spec(kFourRegions, std::string(kFanOut) +
                                  email_table(smtp, "\"gone@example.org\", \"ok@example.org\"")));
  smtp.refuse("gone@example.org 550 5.1.1 No such user\n");
  Result r = gazette(
      "build --send " + shell_quote(dir / "s.toml") + " -o " + shell_quote(dir / "out"), dir);
  BOOST_TEST(r.code == 1);
  BOOST_TEST(first_line(r.err) ==
             "gazette: error: Central-America/2021-07.pdf: gone@example.org "
             "refused by " +
                 smtp.url() + ": 550 5.1.1 No such user");
  // Every variant was still built and sent to the other recipient (but the
  // empty Caribbean, not emailed: README "Fan-out").
  BOOST_TEST(files_under(dir / "out").size() == 4u);
  BOOST_TEST(smtp.count() == 3);
}

BOOST_AUTO_TEST_CASE(dry_run_writes_the_message_next_to_the_pdf) {
  TempDir dir;
  write_file(dir / "s.toml",
             seed_spec("period = \"2021-07\"\nregions = [\"013\"]",
                       "[email]\nfrom = \"digest@gazette.example\"\nto = [\"a@example.org\"]\n"
                       "url = \"smtps://mail.example.org\"\n"));
  Result r = gazette(
      "build --send --dry-run " + shell_quote(dir / "s.toml") + " -o " + shell_quote(dir / "out"),
      dir);
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  std::string eml = read_file(dir / "out/Central-America-2021-07.eml");
  BOOST_TEST(eml.find("\r\nSubject: Digest =?UTF-8?B?4oCU?= July 2021\r\n") != std::string::npos);
  BOOST_TEST(eml.find("Content-Disposition: attachment; "
                      "filename=\"Digest Central America 2021-07.pdf\"\r\n") != std::string::npos);
  BOOST_TEST(!fs::exists(dir / "state"));  // nothing sent, nothing recorded
}

BOOST_AUTO_TEST_CASE(header_line_breaks_and_plain_text_to_a_remote_server_are_refused) {
  TempDir dir;
  write_file(dir / "s.toml",
             seed_spec("period = \"2021-07\"",
                       "[email]\nfrom = \"digest@gazette.example\"\nto = [\"a@example.org\"]\n"
                       "url = \"smtp://mail.example.org\"\ntls = \"off\"\n"
                       "subject = \"Digest\\r\\nBcc: victim@example.org\"\n"));
  Result r = gazette(
      "build --send " + shell_quote(dir / "s.toml") + " -o " + shell_quote(dir / "out"), dir);
  BOOST_TEST(r.code == 2);
  BOOST_TEST(r.err.find(dir / "s.toml" +
                        ":13:7: error: tls = \"off\" is allowed only for a loopback server "
                        "(127.0.0.1, ::1, localhost), not 'mail.example.org'; use \"required\" "
                        "or \"if-available\"") != std::string::npos,
             r.err);
  BOOST_TEST(r.err.find(dir / "s.toml" +
                        ":14:11: error: 'subject' must not contain line breaks or control "
                        "characters (they would inject mail headers)") != std::string::npos,
             r.err);
  BOOST_TEST(!fs::exists(dir / "out"));
}

// Item 2 of issue 13: a journal that cannot be written (here: the file-size
// limit, so write() fails with EFBIG as it would with ENOSPC on a full disk)
// stops the run before anything is sent; nobody gets a copy the journal
// does not know about.
BOOST_AUTO_TEST_CASE(an_unwritable_journal_sends_nothing_and_the_next_run_sends_once,
                     *boost::unit_test::label("slow")) {
  SmtpServer smtp;
  TempDir dir;
  write_file(
      dir / "s.toml",
      seed_spec(kFourRegions,
                std::string(kFanOut) + email_table(smtp, "\"a@example.org\", \"b@example.org\"")));
  const std::string spec = shell_quote(dir / "s.toml"), out = shell_quote(dir / "out");
  BOOST_TEST_REQUIRE(gazette("build --if-changed " + spec + " -o " + out, dir).code == 0);
  // 8 KiB: past the limit whether ulimit counts 512- or 1024-byte blocks.
  write_file(dir / "state/gazette/journal.tsv", "#" + std::string(8190, '-') + "\n");
  for (int run = 0; run < 3; ++run) {
    Result r = gazette("build --if-changed --send " + spec + " -o " + out, dir,
                       "sh -c \"trap '' XFSZ; ulimit -f 8; exec \\\"\\$0\\\" \\\"\\$@\\\"\"");
    BOOST_TEST(r.code == 1, r.err);
    BOOST_TEST(first_line(r.err) == dir / "state/gazette/journal.tsv" +
                                        ": error: cannot write the journal: File too large",
               r.err);
    BOOST_TEST(lines_of(r.err).back() ==
                   "gazette: error: the messages of 2 more digests were not sent: sending "
                   "stopped at the error above",
               r.err);
    BOOST_TEST(smtp.count() == 0);
  }
  BOOST_TEST(gazette("build --if-changed --send " + spec + " -o " + out, dir).code == 0);
  BOOST_TEST(
      (smtp.received() == std::map<std::string, int>{{"a@example.org", 3}, {"b@example.org", 3}}));
  BOOST_TEST(gazette("build --if-changed --send " + spec + " -o " + out, dir).code == 0);
  BOOST_TEST(smtp.count() == 6);
}

// Item 3: --if-changed --send attaches only bytes it built or verified; a
// symbolic link planted at the PDF's path is replaced, never read.
BOOST_AUTO_TEST_CASE(if_changed_send_never_attaches_what_a_planted_link_points_to,
                     *boost::unit_test::label("slow")) {
  SmtpServer smtp;
  TempDir dir;
  write_file(dir / "s.toml",
             seed_spec("period = \"2021-07\"\nregions = [\"013\"]",
                       "[output]\npath = \"d.pdf\"\n" + email_table(smtp, "\"a@example.org\"")));
  write_file(dir / "secret", "%PDF-1.4 secret\n");
  const std::string cmd = "build -v --if-changed --send " + shell_quote(dir / "s.toml") + " -o " +
                          shell_quote(dir / "out");
  BOOST_TEST_REQUIRE(gazette(cmd, dir).code == 0);
  const std::string pdf = read_file(dir / "out/d.pdf");
  BOOST_TEST_REQUIRE(smtp.count() == 1);
  fs::remove(dir / "out/d.pdf");
  fs::create_symlink(dir / "secret", dir / "out/d.pdf");
  Result r = gazette(cmd + " --resend", dir);
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(r.err.starts_with("gazette: wrote "), r.err);  // not "unchanged"
  BOOST_TEST_REQUIRE(smtp.count() == 2);
  BOOST_TEST((smtp.get(2, "pdf") == pdf));
  BOOST_TEST(!fs::is_symlink(dir / "out/d.pdf"));
  BOOST_TEST(read_file(dir / "secret") == "%PDF-1.4 secret\n");
  // A regular file changed in place is not trusted either.
  write_file(dir / "out/d.pdf", "%PDF-1.4 changed\n");
  r = gazette(cmd + " --resend", dir);
  BOOST_TEST(r.err.starts_with("gazette: wrote "), r.err);
  BOOST_TEST((smtp.get(3, "pdf") == pdf));
}

// Item 5: runs with different shardings on one state folder at once: each
// message is sent exactly once, however the runs interleave.
BOOST_AUTO_TEST_CASE(runs_of_any_sharding_at_once_send_each_message_once,
                     *boost::unit_test::label("slow")) {
  SmtpServer smtp;
  TempDir dir;
  write_file(
      dir / "s.toml",
      seed_spec(kFourRegions,
                std::string(kFanOut) + email_table(smtp, "\"a@example.org\", \"b@example.org\"")));
  const std::string cmd =
      "build --send " + shell_quote(dir / "s.toml") + " -o " + shell_quote(dir / "out");
  Result all, one, two;
  std::thread t1([&] { all = gazette(cmd, dir); });
  std::thread t2([&] { one = gazette(cmd + " --shard 1/2", dir); });
  std::thread t3([&] { two = gazette(cmd + " --shard 2/2", dir); });
  t1.join();
  t2.join();
  t3.join();
  BOOST_TEST(all.code == 0, all.err);
  BOOST_TEST(one.code == 0, one.err);
  BOOST_TEST(two.code == 0, two.err);
  BOOST_TEST(smtp.count() == 6);
  std::set<std::string> pairs;
  for (int n = 1; n <= smtp.count(); ++n)
    pairs.insert(smtp.get(n, "body") + " " +
                 lines_of(smtp.get(n, "env")).at(1));  // the body names the region
  BOOST_TEST(pairs.size() == 6u);
}

// Item 4: the journal's key is what a recipient reads, not the spec's text:
// fixing one address (and any edit that changes no message) sends nothing
// again to the others; a late bulletin does.
BOOST_AUTO_TEST_CASE(an_edit_that_changes_no_message_sends_nothing_again,
                     *boost::unit_test::label("slow")) {
  SmtpServer smtp;
  TempDir dir;
  write_file(dir / "l.txt", "2 July, 2021\n\nNews from Panama\n\nBody.\n");
  auto spec = [&](const std::string& to, const std::string& comment) {
    return "# " + comment + "\ntitle = \"T\"\n[[sources]]\npath = \"l.txt\"\nlang = \"en\"\n" +
           "[select]\nperiod = \"2021-07\"\n[output]\npath = \"d.pdf\"\n" + email_table(smtp, to);
  };
  write_file(dir / "s.toml", spec("\"a@example.org\", \"b@exmaple.org\"", "first"));
  const std::string cmd =
      "build --send " + shell_quote(dir / "s.toml") + " -o " + shell_quote(dir / "out");
  BOOST_TEST_REQUIRE(gazette(cmd, dir).code == 0);
  BOOST_TEST(smtp.count() == 2);
  write_file(dir / "s.toml", spec("\"a@example.org\", \"b@example.org\"", "b fixed"));
  BOOST_TEST_REQUIRE(gazette(cmd, dir).code == 0);
  BOOST_TEST(
      (smtp.received() == std::map<std::string, int>{
                              {"a@example.org", 1}, {"b@exmaple.org", 1}, {"b@example.org", 1}}));
  write_file(dir / "l.txt",
             "2 July, 2021\n\nNews from Panama\n\nBody.\n\n3 July, 2021\n\nLate news\n\nMore.\n");
  BOOST_TEST_REQUIRE(gazette(cmd, dir).code == 0);
  BOOST_TEST(
      (smtp.received() == std::map<std::string, int>{
                              {"a@example.org", 2}, {"b@exmaple.org", 1}, {"b@example.org", 2}}));
}

// Item 7: a connection dropped after the message data, or a server that
// never answers it: one attempt in the run, recorded as uncertain, not sent
// again until --resend.
BOOST_AUTO_TEST_CASE(an_unanswered_message_is_sent_once_and_left_to_resend,
                     *boost::unit_test::label("slow")) {
  for (const std::string action : {"drop", "hang"}) {
    SmtpServer smtp;
    TempDir dir;
    write_file(dir / "s.toml",
               seed_spec("period = \"2021-07\"\nregions = [\"013\"]",
                         "[output]\npath = \"d.pdf\"\n" + email_table(smtp, "\"a@example.org\"")));
    smtp.after_data("a@example.org " + action + "\n");
    const std::string cmd =
        "build --send " + shell_quote(dir / "s.toml") + " -o " + shell_quote(dir / "out");
    Result r = gazette(cmd, dir, "GAZETTE_SMTP_TIMEOUT=1");
    BOOST_TEST(r.code == 1, r.err);
    BOOST_TEST(r.err.starts_with("gazette: error: d.pdf: no answer from " + smtp.url() +
                                 " after the message to a@example.org was sent: "),
               r.err);
    BOOST_TEST(r.err.ends_with("; it may have been delivered: recorded as uncertain, not sent "
                               "again (--resend sends it)\n"),
               r.err);
    BOOST_TEST(smtp.count() == 1);
    BOOST_TEST(smtp.rcpt_log().size() == 1u);  // one attempt, no retry
    smtp.after_data("");
    r = gazette(cmd, dir);
    BOOST_TEST(r.code == 0, r.err);
    BOOST_TEST(r.err ==
               "gazette: warning: d.pdf: delivery to a@example.org is uncertain (an "
               "earlier run got no answer once the message was sent); not sent again: "
               "--resend sends it, or mark it \"sent\" in " +
                   dir / "state/gazette/journal.tsv" + "\n");
    BOOST_TEST(smtp.count() == 1);
    BOOST_TEST(gazette(cmd + " --resend", dir).code == 0);
    BOOST_TEST(smtp.count() == 2);
    BOOST_TEST(gazette(cmd, dir).err == "");  // sent now
  }
}

// Item 8: after a temporary failure the server is not used again in the
// run: one message's tries, then exit 75; the next run sends everything.
BOOST_AUTO_TEST_CASE(a_server_failing_temporarily_is_left_alone_for_the_rest_of_the_run,
                     *boost::unit_test::label("slow")) {
  SmtpServer smtp;
  TempDir dir;
  write_file(
      dir / "s.toml",
      seed_spec(kFourRegions,
                std::string(kFanOut) + email_table(smtp, "\"a@example.org\", \"b@example.org\"")));
  smtp.refuse("a@example.org 421 4.3.2 Service shutting down\n");
  const std::string cmd =
      "build --send " + shell_quote(dir / "s.toml") + " -o " + shell_quote(dir / "out");
  Result r = gazette(cmd, dir);  // retry delays 0,0: three tries
  BOOST_TEST(r.code == 75);
  BOOST_TEST((smtp.rcpt_log() ==
              std::vector<std::string>{"a@example.org", "a@example.org", "a@example.org"}));
  BOOST_TEST(lines_of(r.err).size() == 2u, r.err);
  BOOST_TEST(lines_of(r.err).back() == "gazette: error: 5 more messages not sent: " + smtp.url() +
                                           " failed earlier in this run (temporary; the next "
                                           "run will try again)");
  BOOST_TEST(smtp.count() == 0);
  smtp.refuse("");
  BOOST_TEST(gazette(cmd, dir).code == 0);
  BOOST_TEST(smtp.count() == 6);
}

BOOST_AUTO_TEST_CASE(a_relative_xdg_state_home_is_ignored, *boost::unit_test::label("slow")) {
  TempDir dir;
  write_file(dir / "s.toml", seed_spec("period = \"2021-07\"", "[output]\npath = \"d.pdf\"\n"));
  fs::create_directories(dir / "home");
  Result r =
      run("cd " + shell_quote(dir.path().string()) +
          " && env LC_ALL=C.UTF-8 XDG_STATE_HOME=relative HOME=" + shell_quote(dir / "home") + " " +
          kGazette + " build --if-changed s.toml -o out");
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(!fs::exists(dir / "relative"));
  BOOST_TEST(fs::exists(dir / "home/.local/state/gazette/built.tsv"));
}

BOOST_AUTO_TEST_SUITE_END()
