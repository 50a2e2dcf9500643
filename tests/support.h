// Helpers for tests that run programs and look at files.
#pragma once

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "base/diag.h"

namespace gz::test {

// Checks the tagged PDFs under dir (README "PDF standards"); defined below.
inline void check_tagged_pdfs(const std::filesystem::path& dir);

// A fresh folder, removed with everything in it at the end of the test.
// Every tagged PDF left in it (every PDF written with the default
// pdf_standards) is first checked by tests/check_tagged_pdf.py.
class TempDir {
 public:
  TempDir() {
    std::string t = (std::filesystem::temp_directory_path() / "gazette-test-XXXXXX").string();
    if (!mkdtemp(t.data())) std::abort();
    path_ = t;
  }
  ~TempDir() {
    check_tagged_pdfs(path_);
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void write_file(const std::string& path, const std::string& text) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

inline std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

struct Result {
  int code = -1;
  std::string out;
  std::string err;
};

// Runs a shell command line, capturing stdout and stderr separately.
inline Result run(const std::string& command) {
  TempDir tmp;
  std::string out = tmp / "out", err = tmp / "err";
  int status = std::system((command + " >" + shell_quote(out) + " 2>" + shell_quote(err)).c_str());
  Result r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = read_file(out);
  r.err = read_file(err);
  return r;
}

// Runs a shell command line like run(), and measures the peak resident
// memory of that command alone (the shell and what it ran), in KiB: wait4's
// usage, unlike getrusage(RUSAGE_CHILDREN), does not include earlier children.
inline Result run_with_peak(const std::string& command, long* peak_kib) {
  TempDir tmp;
  std::string line = command + " >" + shell_quote(tmp / "out") + " 2>" + shell_quote(tmp / "err");
  std::fflush(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    execl("/bin/sh", "sh", "-c", line.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  struct rusage ru {};
  Result r;
  if (pid < 0 || wait4(pid, &status, 0, &ru) != pid) {
    r.code = -1;
    return r;
  }
  *peak_kib = ru.ru_maxrss;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = read_file(tmp / "out");
  r.err = read_file(tmp / "err");
  return r;
}

// A test server: Debian's /usr/bin/python3 (where python3-aiosmtpd is;
// a python3 earlier on PATH, such as pyenv's, would not have it) running
// tests/<script> DIR ARGS..., which listens on 127.0.0.1 at a free port and
// writes DIR/port once it accepts connections. Stopped (SIGTERM) by stop()
// or at the end.
class PythonServer {
 public:
  PythonServer() = default;
  PythonServer(const PythonServer&) = delete;
  ~PythonServer() { stop(); }
  void start(const std::string& script, const std::filesystem::path& dir,
             const std::vector<std::string>& args = {}) {
    std::vector<std::string> argv{"python3", std::string(GAZETTE_SOURCE_DIR) + "/tests/" + script,
                                  dir.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    pid_ = fork();
    if (pid_ == 0) {
      std::vector<char*> a;
      for (auto& arg : argv) a.push_back(arg.data());
      a.push_back(nullptr);
      execv("/usr/bin/python3", a.data());
      _exit(127);
    }
    // Bounded only so that a broken set-up fails instead of hanging.
    const std::filesystem::path port = dir / "port";
    for (int i = 0; i < 3000 && !std::filesystem::exists(port); ++i) {
      int status;
      BOOST_TEST_REQUIRE(waitpid(pid_, &status, WNOHANG) == 0, script + " exited");
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    BOOST_TEST_REQUIRE(std::filesystem::exists(port), script + " did not start");
    port_ = read_file(port.string());
  }
  void stop() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
  const std::string& port() const { return port_; }

 private:
  pid_t pid_ = -1;
  std::string port_;
};

// A CA, a server certificate it signs for 127.0.0.1 and localhost
// ("server"), one for another host name ("wrong-host"), and a server
// certificate from another CA ("foreign", by "other-ca"): NAME.pem and
// NAME.key. Made once per test program with openssl; EC keys, so it takes
// milliseconds.
class Pki {
 public:
  static const Pki& get() {
    static Pki pki;
    return pki;
  }
  std::string operator/(const std::string& name) const { return dir_ / name; }

 private:
  Pki() {
    const std::string d = shell_quote(dir_.path().string()) + "/";
    auto ca = [&](const std::string& name) {
      return "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 "
             "-subj '/CN=Gazette test " +
             name + "' -keyout " + d + name + ".key -out " + d + name + ".pem";
    };
    auto cert = [&](const std::string& name, const std::string& by, const std::string& san) {
      return "openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=" + name +
             " -keyout " + d + name + ".key -out " + d + name + ".csr && printf '" +
             "subjectAltName=" + san + "\\n' > " + d + name + ".ext && openssl x509 -req -in " + d +
             name + ".csr -CA " + d + by + ".pem -CAkey " + d + by +
             ".key -CAcreateserial -days 2 -extfile " + d + name + ".ext -out " + d + name + ".pem";
    };
    Result r = run("(" + ca("ca") + " && " + ca("other-ca") + " && " +
                   cert("server", "ca", "IP:127.0.0.1,DNS:localhost") + " && " +
                   cert("wrong-host", "ca", "DNS:mail.other.example") + " && " +
                   cert("foreign", "other-ca", "IP:127.0.0.1,DNS:localhost") + ")");
    BOOST_TEST_REQUIRE(r.code == 0, "openssl failed: " + r.err);
  }
  TempDir dir_;
};

// sha256// and the base64 of the SHA-256 of a certificate's public key
// (SubjectPublicKeyInfo, DER), as the README says to compute it.
inline std::string key_pin(const std::string& cert) {
  Result r = run("openssl x509 -in " + shell_quote(cert) +
                 " -pubkey -noout | openssl pkey -pubin -outform der | "
                 "openssl dgst -sha256 -binary | base64");
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  return "sha256//" + r.out.substr(0, r.out.find('\n'));
}

// The tagged-PDF checker over files (python3-pikepdf: Debian's Python, not
// whatever python3 comes first on PATH). With standards_default, each
// file must be tagged and claim both PDF/UA-1 and PDF/A-2a.
inline Result check_pdfs(const std::vector<std::string>& files, bool standards_default = false) {
  std::string cmd = "/usr/bin/python3 " +
                    shell_quote(std::string(GAZETTE_SOURCE_DIR) + "/tests/check_tagged_pdf.py") +
                    (standards_default ? " --default" : "");
  for (const std::string& f : files) cmd += " " + shell_quote(f);
  return run(cmd);
}

inline void check_tagged_pdfs(const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  // Larger PDFs (the 200,000-bulletin digest) would take the checker
  // minutes; they are made by the same code as the small ones.
  constexpr uintmax_t kMaxBytes = 4 << 20;
  std::vector<std::string> pdfs;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (!it->is_regular_file(ec) || it->path().extension() != ".pdf") continue;
    char head[5] = {};
    std::ifstream(it->path(), std::ios::binary).read(head, sizeof head);
    if (std::string(head, sizeof head) != "%PDF-") continue;  // a test's stand-in
    if (it->file_size(ec) > kMaxBytes) {
      std::fprintf(stderr, "SKIPPED the tagged-PDF check of %s: %ju bytes, more than %ju\n",
                   it->path().c_str(), it->file_size(ec), kMaxBytes);
      continue;
    }
    pdfs.push_back(it->path().string());
  }
  if (pdfs.empty()) return;
  Result r = check_pdfs(pdfs);
  BOOST_TEST(r.code == 0, "tagged-PDF check failed:\n" + r.out + r.err);
}

// The lines of a text, without their newlines.
inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// The text of page `page` (1-based) of pdf as pdftotext reads it (UTF-8;
// with layout, in columns as drawn), without the bidi controls pdftotext
// puts around right-to-left text (U+200E, U+200F, U+202A..U+202E).
inline std::string pdf_page_text(const std::string& pdf, int page, bool layout = false) {
  Result r =
      run("pdftotext -enc UTF-8 " + std::string(layout ? "-layout " : "") + "-f " +
          std::to_string(page) + " -l " + std::to_string(page) + " " + shell_quote(pdf) + " -");
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  std::string out;
  for (size_t i = 0; i < r.out.size();) {
    if (r.out.compare(i, 2, "\xE2\x80") == 0 && i + 2 < r.out.size()) {
      const auto c = static_cast<unsigned char>(r.out[i + 2]);
      if (c == 0x8E || c == 0x8F || (c >= 0xAA && c <= 0xAE)) {
        i += 3;
        continue;
      }
    }
    out += r.out[i++];
  }
  return out;
}

// How many pages pdf has (pdfinfo).
inline int pdf_pages(const std::string& pdf) {
  Result r = run("pdfinfo " + shell_quote(pdf));
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  const size_t at = r.out.find("\nPages:");
  BOOST_TEST_REQUIRE(at != std::string::npos, r.out);
  return std::stoi(r.out.substr(at + 7));
}

// The first line of a text, without its newline.
inline std::string first_line(const std::string& s) { return s.substr(0, s.find('\n')); }

// White space runs folded to one space: pdftotext wraps lines where layout did.
inline std::string squash(const std::string& s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r') {
      space = true;
    } else {
      if (space && !out.empty()) out += ' ';
      space = false;
      out += c;
    }
  }
  return out;
}

// The formatted diagnostic of the Failure that f() throws ("file:line:col:
// error: ..."), or "" when it throws none. A Failure must be bad input (exit
// code 2).
template <class F>
std::string bad_input_of(F&& f) {
  try {
    f();
  } catch (const Failure& failure) {
    BOOST_TEST(failure.code() == int(kExitBadInput));
    return format_diagnostic(failure.diag());
  }
  return "";
}

}  // namespace gz::test
