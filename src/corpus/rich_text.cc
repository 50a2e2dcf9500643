#include "corpus/rich_text.h"

#include <algorithm>

#include "intl/text.h"

namespace gz::corpus_detail {

void ParagraphBuilder::text(std::string_view raw) {
  if (raw.empty()) return;
  // Framing shows whether raw starts or ends with white space exactly as
  // normalize_text sees it (any Unicode space, NBSP included). The frame is
  // U+0001, which NFC never composes with anything: a letter would take a
  // combining mark that starts raw ("x" + U+0344 becomes U+1E8D U+0301) and
  // cutting one byte off would leave broken UTF-8.
  std::string framed = intl::normalize_text("\x01" + std::string(raw) + "\x01");
  std::string_view inner(framed);
  inner.remove_prefix(1);
  inner.remove_suffix(1);
  const bool lead = inner.starts_with(' ');
  if (lead) inner.remove_prefix(1);
  const bool trail = inner.ends_with(' ');
  if (trail) inner.remove_suffix(1);
  if (inner.empty()) {
    space_pending_ |= lead || trail;
    return;
  }
  if ((space_pending_ || lead) && !current_.empty()) current_ += ' ';
  for (Open& o : open_) {
    if (o.begin < 0) o.begin = long(current_.size());
  }
  current_ += inner;
  space_pending_ = trail;
}

void ParagraphBuilder::open(TextMark::Kind kind, std::string url) {
  open_.push_back({kind, std::move(url), -1});
}

void ParagraphBuilder::close() {
  if (open_.empty()) return;
  Open& o = open_.back();
  if (o.begin >= 0 && size_t(o.begin) < current_.size()) {
    current_marks_.push_back({uint32_t(o.begin), uint32_t(current_.size()), o.kind, o.url});
  }
  open_.pop_back();
}

void ParagraphBuilder::paragraph_break() {
  space_pending_ = false;
  if (current_.empty()) return;  // the kind stays for the text to come
  const ParagraphKind kind = kind_;
  kind_ = {};
  for (Open& o : open_) {
    if (o.begin >= 0 && size_t(o.begin) < current_.size()) {
      current_marks_.push_back({uint32_t(o.begin), uint32_t(current_.size()), o.kind, o.url});
    }
    o.begin = -1;
  }
  link_bare_urls(current_, current_marks_);
  paragraphs_.push_back(std::move(current_));
  marks_.push_back(std::move(current_marks_));
  kinds_.push_back(kind);
  current_.clear();
  current_marks_.clear();
}

void ParagraphBuilder::finish(std::vector<std::string>& paragraphs,
                              std::vector<std::vector<TextMark>>& marks,
                              std::vector<ParagraphKind>* kinds) {
  paragraph_break();
  open_.clear();
  const bool any = std::any_of(marks_.begin(), marks_.end(), [](auto& m) { return !m.empty(); });
  paragraphs = std::move(paragraphs_);
  marks = any ? std::move(marks_) : std::vector<std::vector<TextMark>>();
  if (kinds) {
    const bool styled = std::any_of(kinds_.begin(), kinds_.end(),
                                    [](const ParagraphKind& k) { return k.kind != k.Text; });
    *kinds = styled ? std::move(kinds_) : std::vector<ParagraphKind>();
  }
  paragraphs_.clear();
  marks_.clear();
  kinds_.clear();
}

void link_bare_urls(const std::string& text, std::vector<TextMark>& marks) {
  auto in_link = [&](size_t at) {
    return std::any_of(marks.begin(), marks.end(), [&](const TextMark& m) {
      return m.kind == TextMark::Link && m.begin <= at && at < m.end;
    });
  };
  for (size_t i = text.find("http"); i != std::string::npos; i = text.find("http", i)) {
    const std::string_view rest = std::string_view(text).substr(i);
    const size_t scheme = rest.starts_with("https://") ? 8 : rest.starts_with("http://") ? 7 : 0;
    // Only at the start of a word: "xhttp://" is not a URL.
    const bool word_start =
        i == 0 || std::string_view(" (\"'<[").find(text[i - 1]) != std::string_view::npos;
    if (!scheme || !word_start || in_link(i)) {
      i += 4;
      continue;
    }
    size_t end = i + scheme;
    while (end < text.size() && text[end] != ' ' && text[end] != '"' && text[end] != '<' &&
           text[end] != '>')
      ++end;
    // "(see https://x.org/a)." keeps neither ")" nor "."; "wiki/A_(b)" keeps
    // its own parenthesis.
    while (end > i + scheme) {
      const char c = text[end - 1];
      if (std::string_view(".,;:!?'").find(c) != std::string_view::npos) {
        --end;
      } else if (c == ')' &&
                 std::count(text.begin() + long(i), text.begin() + long(end), '(') <
                     std::count(text.begin() + long(i), text.begin() + long(end), ')')) {
        --end;
      } else {
        break;
      }
    }
    if (end > i + scheme) {
      marks.push_back({uint32_t(i), uint32_t(end), TextMark::Link, text.substr(i, end - i)});
    }
    i = end;
  }
  std::stable_sort(marks.begin(), marks.end(), [](const TextMark& a, const TextMark& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
}

}  // namespace gz::corpus_detail
