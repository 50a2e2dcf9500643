// A scan of TOML text for how deep its tables nest, before toml++ parses it:
// toml++ builds and walks nested tables recursively, and a key such as
// a.a.a.…(50,000 times) = 1, or a table header [a.a.a.…], overflows the
// stack (issue 13). The scan is linear and needs no memory beyond a stack
// of open brackets (itself bounded by the limit). Each part of a table
// header or dotted key, each array and each inline table counts as a level.
#include <vector>

#include "base/limits.h"
#include "spec/toml_reader.h"

namespace gz::spec_detail {
namespace {

class Scanner {
 public:
  Scanner(std::string_view text, const std::string& file, int first_line)
      : t_(text), file_(file), line_(first_line) {}

  void run() {
    while (i_ < t_.size()) {
      skip_blank();
      if (i_ >= t_.size()) break;
      char c = t_[i_];
      if (c == '\n') {
        next();
        continue;
      }
      if (c == '#') {
        skip_comment();
        continue;
      }
      if (c == '[') {
        header();
      } else {
        key_value(header_depth_);
      }
    }
  }

 private:
  void next() {
    if (t_[i_] == '\n') {
      ++line_;
      col_ = 1;
    } else if ((static_cast<unsigned char>(t_[i_]) & 0xC0) != 0x80) {
      ++col_;
    }
    ++i_;
  }
  // col_ counts the code points before i_; a continuation byte adds none.
  Location here() const { return Location{file_, line_, col_}; }
  void skip_blank() {
    while (i_ < t_.size() && (t_[i_] == ' ' || t_[i_] == '\t' || t_[i_] == '\r')) next();
  }
  void skip_comment() {
    while (i_ < t_.size() && t_[i_] != '\n') next();
  }
  [[noreturn]] void fail_at(const Location& where) const {
    fail(where,
         "tables and values nest more than " + std::to_string(limits::kMaxTomlNesting) + " deep");
  }
  void check(size_t depth) const {
    if (depth > limits::kMaxTomlNesting) fail_at(here());
  }
  // A quoted string at i_ (basic, literal, or either multi-line form).
  // Errors are toml++'s to report: an unclosed string ends the scan.
  void string() {
    char q = t_[i_];
    bool multi = t_.substr(i_, 3) == std::string_view(q == '"' ? "\"\"\"" : "'''");
    if (multi) {
      next(), next(), next();
      while (i_ < t_.size()) {
        if (q == '"' && t_[i_] == '\\') {
          next();
          if (i_ < t_.size()) next();
          continue;
        }
        if (t_.substr(i_, 3) == std::string_view(q == '"' ? "\"\"\"" : "'''")) {
          next(), next(), next();
          while (i_ < t_.size() && t_[i_] == q) next();  // up to two more quotes belong to it
          return;
        }
        next();
      }
      return;
    }
    next();
    while (i_ < t_.size() && t_[i_] != '\n') {
      if (q == '"' && t_[i_] == '\\') {
        next();
        if (i_ < t_.size() && t_[i_] != '\n') next();
        continue;
      }
      if (t_[i_] == q) {
        next();
        return;
      }
      next();
    }
  }
  // A key (bare, quoted, dotted) ending before '=' or ']': the number of
  // its parts.
  size_t key(char end) {
    size_t parts = 1;
    while (i_ < t_.size() && t_[i_] != end && t_[i_] != '\n') {
      char c = t_[i_];
      if (c == '"' || c == '\'') {
        string();
        continue;
      }
      if (c == '.') {
        ++parts;
        check(parts);
      }
      if (c == '#') return parts;  // not a key: toml++ says so
      next();
    }
    return parts;
  }
  void header() {
    next();
    if (i_ < t_.size() && t_[i_] == '[') next();  // [[array of tables]]
    header_depth_ = key(']');
    check(header_depth_);
    while (i_ < t_.size() && t_[i_] != '\n' && t_[i_] != '#') {
      if (t_[i_] == '"' || t_[i_] == '\'') {
        string();
        continue;
      }
      next();
    }
  }
  // key = value, where the key's parts nest below depth.
  void key_value(size_t depth) {
    const Location start = here();
    const size_t d = depth + key('=');
    if (d > limits::kMaxTomlNesting) fail_at(start);
    if (i_ >= t_.size() || t_[i_] != '=') {
      skip_comment();  // a malformed line: toml++ reports it
      return;
    }
    next();
    value(d);
  }
  // A value; arrays and inline tables may span lines and nest.
  void value(size_t depth) {
    struct Open {
      char kind;
      size_t depth;
    };
    std::vector<Open> open;
    auto in_table = [&] { return !open.empty() && open.back().kind == '{'; };
    bool want_key = false;
    while (i_ < t_.size()) {
      char c = t_[i_];
      if (c == '\n' && open.empty()) return;
      if (c == '#') {
        skip_comment();
        continue;
      }
      if (want_key && c != ' ' && c != '\t' && c != '}' && c != '\n' && c != '\r') {
        const Location start = here();
        const size_t d = open.back().depth + key('=');
        if (d > limits::kMaxTomlNesting) fail_at(start);
        want_key = false;
        if (i_ < t_.size() && t_[i_] == '=') next();
        value_depth_ = d;  // this key's value nests below d
        continue;
      }
      switch (c) {
        case '"':
        case '\'':
          string();
          continue;
        case '[':
        case '{': {
          size_t base = open.empty() ? depth : (in_table() ? value_depth_ : open.back().depth);
          open.push_back({c, base + 1});
          check(base + 1);
          want_key = c == '{';
          next();
          continue;
        }
        case ']':
        case '}':
          if (!open.empty()) open.pop_back();
          next();
          if (open.empty()) {
            // the rest of the line is a comment or nothing
            while (i_ < t_.size() && t_[i_] != '\n' && t_[i_] != '#') next();
            return;
          }
          continue;
        case ',':
          want_key = in_table();
          next();
          continue;
        default:
          next();
      }
    }
  }

  std::string_view t_;
  const std::string& file_;
  size_t i_ = 0;
  int line_;
  int col_ = 1;
  size_t header_depth_ = 0;
  size_t value_depth_ = 0;
};

}  // namespace

void check_toml_nesting(std::string_view text, const std::string& file, int first_line) {
  Scanner(text, file, first_line).run();
}

}  // namespace gz::spec_detail
