// Paragraphs with marks, built from pieces of raw text: what the Markdown
// and HTML readers produce. Internal to src/corpus.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "corpus/bulletin.h"

namespace gz::corpus_detail {

// Collects text piece by piece into paragraphs normalised as Bulletin says
// (NFC, white space folded across pieces, trimmed), keeping where marks
// open and close in the normalised text.
class ParagraphBuilder {
 public:
  // Raw UTF-8 text in the marks open now.
  void text(std::string_view raw);
  // Opens a mark at the current end; close() ends the innermost one. A mark
  // that covers no text is dropped.
  void open(TextMark::Kind kind, std::string url = {});
  void close();
  // Ends the paragraph, if it has text; open marks go on in the next one.
  void paragraph_break();
  // What the paragraph being collected is (a heading, a list item); back
  // to plain text once paragraph_break() ends a paragraph.
  void kind(ParagraphKind k) { kind_ = k; }
  // Ends the last paragraph and moves the result out. marks is left empty
  // when no paragraph has any; bare http(s) URLs outside links become links.
  // kinds, when given, is left empty when every paragraph is plain text.
  void finish(std::vector<std::string>& paragraphs, std::vector<std::vector<TextMark>>& marks,
              std::vector<ParagraphKind>* kinds = nullptr);

 private:
  struct Open {
    TextMark::Kind kind;
    std::string url;
    long begin = -1;  // -1 until text arrives in this paragraph
  };
  std::string current_;
  std::vector<TextMark> current_marks_;
  bool space_pending_ = false;
  std::vector<Open> open_;
  std::vector<std::string> paragraphs_;
  std::vector<std::vector<TextMark>> marks_;
  ParagraphKind kind_;
  std::vector<ParagraphKind> kinds_;
};

// Adds a Link mark over each bare http:// or https:// URL of text not
// already inside a link. Trailing punctuation (".,;:!?" and an unbalanced
// ")") is left out of the URL. Keeps marks sorted.
void link_bare_urls(const std::string& text, std::vector<TextMark>& marks);

}  // namespace gz::corpus_detail
