// The cluster examples, run for real: a one-node Slurm cluster (Debian's
// slurmctld, slurmd and munge, loopback only, configured in a temporary
// folder) runs examples/cluster/gazette-array.sbatch, unchanged, through
// `sbatch --wait`; and the Kubernetes Indexed Job, which cannot run here, is
// checked against it. The cluster needs root (the daemons switch to the
// job's user); without root or the packages the test says why it skips.
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <chrono>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

#include "support.h"

using namespace gz::test;
namespace fs = std::filesystem;

namespace {

const std::string kSource = GAZETTE_SOURCE_DIR;
const std::string kSbatch = kSource + "/examples/cluster/gazette-array.sbatch";
const std::string kIndexedJob = kSource + "/examples/cluster/gazette-indexed-job.yaml";

// Polls cond every 50 ms, at most `seconds`; bounded only so that a broken
// set-up fails instead of hanging.
bool wait_for(const std::function<bool()>& cond, int seconds) {
  for (int i = 0; i < seconds * 20; ++i) {
    if (cond()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return cond();
}

// A program run in the foreground of a child process, its output in log.
pid_t spawn(const std::vector<std::string>& argv, const std::string& log) {
  pid_t pid = fork();
  if (pid == 0) {
    int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(fd, 1);
    dup2(fd, 2);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  return pid;
}

bool exited(pid_t pid) { return waitpid(pid, nullptr, WNOHANG) == pid; }

int free_port() {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t n = sizeof a;
  getsockname(s, reinterpret_cast<sockaddr*>(&a), &n);
  close(s);
  return ntohs(a.sin_port);
}

// tests/smtp_server.py (python3-aiosmtpd) on 127.0.0.1, stopped at the end.
class SmtpServer {
 public:
  SmtpServer() {
    pid_ = spawn({"/usr/bin/python3", kSource + "/tests/smtp_server.py", dir_.path().string()},
                 dir_ / "log");
    BOOST_TEST_REQUIRE(wait_for([&] { return fs::exists(dir_ / "port") || exited(pid_); }, 60));
    BOOST_TEST_REQUIRE(fs::exists(dir_ / "port"), "smtp_server.py did not start");
    port_ = read_file(dir_ / "port");
  }
  ~SmtpServer() {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
  }
  std::string url() const { return "smtp://127.0.0.1:" + port_; }
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
  pid_t pid_ = -1;
  std::string port_;
};

// A one-node cluster: munged, slurmctld and slurmd in the foreground as
// children of the test, on free loopback ports, everything in dir.
class SlurmCluster {
 public:
  SlurmCluster() {
    // slurmd's job steps (slurmstepd) outlive slurmd briefly: adopted by the
    // test rather than by init, they are reaped below.
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    const std::string d = dir_.path().string();
    fs::create_directories(dir_ / "munge");
    fs::permissions(dir_ / "munge",
                    fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
    write_file(dir_ / "munge/munge.key", std::string(1024, 'k') + std::to_string(getpid()));
    fs::permissions(dir_ / "munge/munge.key", fs::perms::owner_read);
    munged_ =
        spawn({"/usr/sbin/munged", "-F", "--force", "--key-file=" + d + "/munge/munge.key",
               "--socket=" + d + "/munge/munge.socket", "--pid-file=" + d + "/munge/munged.pid",
               "--seed-file=" + d + "/munge/seed", "--log-file=" + d + "/munge/munged.log"},
              d + "/munge/stdout.log");
    BOOST_TEST_REQUIRE(
        wait_for([&] { return fs::exists(dir_ / "munge/munge.socket") || exited(munged_); }, 30),
        read_file(dir_ / "munge/munged.log"));
    char host[256] = {};
    gethostname(host, sizeof host - 1);
    std::string h = host;
    h = h.substr(0, h.find('.'));
    fs::create_directories(dir_ / "state");
    fs::create_directories(dir_ / "spool");
    conf_ = d + "/slurm.conf";
    write_file(conf_, "ClusterName=gazette\nSlurmctldHost=" + h + "(127.0.0.1)\n" +
                          "SlurmctldPort=" + std::to_string(free_port()) + "\n" +
                          "SlurmdPort=" + std::to_string(free_port()) + "\n" +
                          "SlurmUser=root\nSlurmdUser=root\n"
                          "AuthType=auth/munge\nCredType=cred/munge\n"
                          "AuthInfo=socket=" +
                          d + "/munge/munge.socket\n" + "StateSaveLocation=" + d +
                          "/state\nSlurmdSpoolDir=" + d + "/spool\n" + "SlurmctldPidFile=" + d +
                          "/slurmctld.pid\n" + "SlurmdPidFile=" + d + "/slurmd.pid\n" +
                          "SlurmctldLogFile=" + d + "/slurmctld.log\n" + "SlurmdLogFile=" + d +
                          "/slurmd.log\n" +
                          "ProctrackType=proctrack/pgid\nTaskPlugin=task/none\n"
                          "SelectType=select/cons_tres\nSelectTypeParameters=CR_CPU\n"
                          "SchedulerType=sched/builtin\nJobCompType=jobcomp/none\n"
                          "JobAcctGatherType=jobacct_gather/none\n"
                          "AccountingStorageType=accounting_storage/none\nMpiDefault=none\n"
                          "ReturnToService=2\nSlurmdParameters=config_overrides\n"
                          "NodeName=gz1 NodeHostname=" +
                          h +
                          " NodeAddr=127.0.0.1 CPUs=8 State=UNKNOWN\n"
                          "PartitionName=gz Nodes=gz1 Default=YES MaxTime=INFINITE State=UP\n");
    ctld_ = spawn({"/usr/sbin/slurmctld", "-D", "-i", "-f", conf_}, d + "/slurmctld.out");
    slurmd_ = spawn({"/usr/sbin/slurmd", "-D", "-f", conf_, "-N", "gz1"}, d + "/slurmd.out");
    bool up = wait_for([&] { return slurm("sinfo -h -o %t").out == "idle\n"; }, 60);
    BOOST_TEST_REQUIRE(up, "the node did not come up: " << read_file(dir_ / "slurmctld.log")
                                                        << read_file(dir_ / "slurmd.log"));
  }
  ~SlurmCluster() { stop(); }

  // A Slurm client command against this cluster.
  Result slurm(const std::string& command, const std::string& env = "") const {
    return run(
        "env -u GAZETTE_SMTP_USER -u GAZETTE_SMTP_PASSWORD -u GAZETTE_SMTP_CREDENTIALS "
        "SLURM_CONF=" +
        shell_quote(conf_) + " " + env + " " + command);
  }

  // Whether a slurmstepd child of this process is still running.
  static bool steps_running() {
    for (const auto& e : fs::directory_iterator("/proc")) {
      std::string stat = read_file(e.path() / "stat");
      size_t close = stat.rfind(')');
      if (stat.find("(slurmstepd)") == std::string::npos || close == std::string::npos) continue;
      std::istringstream rest(stat.substr(close + 2));
      std::string state;
      long ppid = 0;
      rest >> state >> ppid;
      if (ppid == getpid() && state != "Z") return true;
    }
    return false;
  }

  // Shuts both daemons down (scontrol shutdown), then munged; true when all
  // three and the job steps have exited.
  bool stop() {
    if (stopped_) return true;
    stopped_ = true;
    slurm("scontrol shutdown");
    bool ok = wait_for(
        [&] {
          return (ctld_done_ = ctld_done_ || exited(ctld_)) &&
                 (slurmd_done_ = slurmd_done_ || exited(slurmd_));
        },
        60);
    for (pid_t p : {ctld_, slurmd_})
      if (!ok && kill(p, SIGKILL) == 0) waitpid(p, nullptr, 0);
    kill(munged_, SIGTERM);
    waitpid(munged_, nullptr, 0);
    // The job steps slurmd left: each has exited (the job is done), or
    // exits within the bound; then none is left.
    wait_for([] { return waitpid(-1, nullptr, WNOHANG) <= 0 && !steps_running(); }, 30);
    prctl(PR_SET_CHILD_SUBREAPER, 0);
    return ok && !steps_running();
  }

 private:
  TempDir dir_;
  std::string conf_;
  pid_t munged_ = -1, ctld_ = -1, slurmd_ = -1;
  bool stopped_ = false, ctld_done_ = false, slurmd_done_ = false;
};

// The options that follow `exec gazette build` in a job file, up to the specs.
std::set<std::string> gazette_options(const std::string& text) {
  size_t at = text.find("exec gazette build");
  BOOST_TEST_REQUIRE(at != std::string::npos);
  std::string cmd = text.substr(at, text.find("reports/*.toml", at) - at);
  std::set<std::string> out;
  std::regex option("--[a-z-]+");
  for (auto it = std::sregex_iterator(cmd.begin(), cmd.end(), option); it != std::sregex_iterator();
       ++it)
    out.insert(it->str());
  return out;
}

std::map<std::string, std::string> files_under(const std::string& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) out[fs::relative(e.path(), dir).string()] = read_file(e.path());
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cluster)

// The Indexed Job runs what the Slurm array runs: the same options, the same
// number of slices; the README shows both files as they are.
BOOST_AUTO_TEST_CASE(kubernetes_job_and_slurm_array_agree) {
  const std::string sbatch = read_file(kSbatch), job = read_file(kIndexedJob);
  BOOST_TEST(gazette_options(sbatch) == gazette_options(job));
  BOOST_TEST(gazette_options(sbatch).count("--shard") == 1);
  BOOST_TEST(sbatch.find("#SBATCH --array=0-3\n") != std::string::npos);
  BOOST_TEST(sbatch.find("--shard \"$((SLURM_ARRAY_TASK_ID + 1))/4\"") != std::string::npos);
  BOOST_TEST(job.find("completions: 4\n") != std::string::npos);
  BOOST_TEST(job.find("parallelism: 4\n") != std::string::npos);
  BOOST_TEST(job.find("--shard \"$((JOB_COMPLETION_INDEX + 1))/4\"") != std::string::npos);
  const std::string readme = read_file(kSource + "/README.md");
  BOOST_TEST(readme.find("```sh\n" + sbatch + "```\n") != std::string::npos);
  BOOST_TEST(readme.find("```yaml\n" + job + "```\n") != std::string::npos);
}

// A real one-node Slurm cluster (label slow: ctest -C slow, about 20 s).
BOOST_AUTO_TEST_CASE(slurm_array_writes_what_a_plain_run_writes_and_sends_once,
                     *boost::unit_test::label("slow")) {
  for (const char* p : {"/usr/sbin/slurmctld", "/usr/sbin/slurmd", "/usr/sbin/munged",
                        "/usr/bin/sbatch", "/usr/bin/squeue", "/usr/bin/scontrol"})
    if (!fs::exists(p)) {
      std::cerr << "SKIPPED slurm_array_writes_what_a_plain_run_writes_and_sends_once: no " << p
                << " (Debian's slurmctld, slurmd, slurm-client and munge; scripts/bootstrap "
                   "installs them)\n";
      return;
    }
  if (geteuid() != 0) {
    std::cerr << "SKIPPED slurm_array_writes_what_a_plain_run_writes_and_sends_once: not root "
                 "(slurmd runs jobs as their user; CI runs as root)\n";
    return;
  }
  SmtpServer smtp;
  TempDir work;
  const std::string seed = kSource + "/examples/rosanjose-2021-07.txt";
  std::string example = read_file(kSource + "/reports/central-america.toml");
  example.replace(example.find("../examples/rosanjose-2021-07.txt"),
                  std::string("../examples/rosanjose-2021-07.txt").size(), seed);
  write_file(work / "reports/central-america.toml", example);
  write_file(work / "reports/by-country.toml",
             "title = \"Digest\"\n\n[[sources]]\npath = \"" + seed +
                 "\"\nlang = \"en\"\n\n[select]\nperiod = \"last-month\"\n\n[output]\n"
                 "path = \"by-country/{country}-{period}.pdf\"\nsplit_by = [\"country\"]\n\n"
                 "[email]\nfrom = \"Gazette <digest@gazette.example>\"\n"
                 "to = [\"a@example.org\", \"b@example.org\"]\nurl = \"" +
                 smtp.url() + "\"\ntls = \"off\"\n");
  fs::create_directories(work / "bin");
  fs::create_symlink(GAZETTE_BINARY, work / "bin/gazette");

  Result plain =
      run(std::string(GAZETTE_BINARY) + " build --as-of 2021-08-01 -o " +
          shell_quote(work / "plain") + " " + shell_quote(work / "reports/by-country.toml") + " " +
          shell_quote(work / "reports/central-america.toml"));
  BOOST_TEST_REQUIRE(plain.code == 0, plain.err);
  const auto expected = files_under(work / "plain");
  size_t emailed = 0;
  for (const auto& [name, bytes] : expected) emailed += name.starts_with("by-country/") ? 2 : 0;
  BOOST_TEST_REQUIRE(expected.size() >= 5);  // 1 + a PDF per country, over 4 slices

  SlurmCluster cluster;
  const std::string env = "PATH=" + shell_quote(work / "bin") + ":$PATH AS_OF=2021-08-01 " +
                          "STATE_DIR=" + shell_quote(work / "state") +
                          " OUT_DIR=" + shell_quote(work / "out");
  auto submit = [&] {
    return cluster.slurm("sh -c " + shell_quote("cd " + shell_quote(work.path().string()) +
                                                " && sbatch --wait " + shell_quote(kSbatch)),
                         env + " GAZETTE_SMTP_RETRY_DELAYS=0,0");
  };
  Result r = submit();
  BOOST_TEST_REQUIRE(r.code == 0, r.out << r.err);
  BOOST_TEST(r.out.starts_with("Submitted batch job "));

  const auto got = files_under(work / "out");
  BOOST_TEST(got.size() == expected.size());
  for (const auto& [name, bytes] : expected) {
    auto it = got.find(name);
    BOOST_TEST((it != got.end() && it->second == bytes), name << " differs from the plain run's");
  }
  // Four tasks, each silent on success.
  int logs = 0;
  for (const auto& e : fs::directory_iterator(work.path()))
    if (e.path().filename().string().starts_with("gazette-")) {
      ++logs;
      BOOST_TEST(read_file(e.path()) == "", e.path());
    }
  BOOST_TEST(logs == 4);
  // Each (PDF, recipient) once.
  std::set<std::string> sent;
  for (int n = 1; n <= smtp.count(); ++n)
    sent.insert(smtp.get(n, "filename") + " " + smtp.get(n, "env"));
  BOOST_TEST(size_t(smtp.count()) == emailed);
  BOOST_TEST(sent.size() == emailed);
  // Submitted again: the shared journal says everything was sent.
  r = submit();
  BOOST_TEST_REQUIRE(r.code == 0, r.out << r.err);
  BOOST_TEST(size_t(smtp.count()) == emailed);

  BOOST_TEST(wait_for([&] { return cluster.slurm("squeue -h").out.empty(); }, 30));
  Result q = cluster.slurm("squeue -h");
  BOOST_TEST(q.code == 0);
  BOOST_TEST(q.out == "");
  BOOST_TEST(cluster.stop(), "slurmctld or slurmd did not stop on 'scontrol shutdown'");
}

BOOST_AUTO_TEST_SUITE_END()
