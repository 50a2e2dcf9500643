#include "pdf/pdf_writer.h"

#include <hpdf_doc.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <vector>

#include "base/diag.h"
#include "base/utf8.h"
#include "pdf/deflate.h"
#include "pdf/font_embed.h"
#include "pdf/hpdf_doc.h"
#include "pdf/interpose.h"
#include "pdf/numbers.h"
#include "pdf/outline.h"
#include "pdf/pdf_info.h"
#include "pdf/structure.h"

namespace gz {

namespace {

// The faces of the document, embedded on first use: a digest embeds only
// the faces it draws with (a Latin digest carries no CJK font).
class PdfFonts {
 public:
  PdfFonts(HpdfDoc& doc, const FontSet& fonts) : doc_(doc), fonts_(fonts), loaded_(fonts.size()) {}

  EmbeddedFont& get(FaceId face) {
    std::unique_ptr<EmbeddedFont>& f = loaded_.at(face);
    if (!f) {
      f = std::make_unique<EmbeddedFont>(doc_, fonts_[face]);
      order_.push_back(face);
    }
    return *f;
  }

  // Subsets and writes every font used, in order of first use.
  void finish() {
    for (FaceId face : order_) loaded_[face]->finish();
  }

  // Per face: the object number of its font dictionary (0: not used).
  std::vector<uint32_t> objects() const {
    std::vector<uint32_t> nums(loaded_.size(), 0);
    for (FaceId face : order_) nums[face] = loaded_[face]->dict()->header.obj_id & 0x00FFFFFF;
    return nums;
  }

 private:
  HpdfDoc& doc_;
  const FontSet& fonts_;
  std::vector<std::unique_ptr<EmbeddedFont>> loaded_;
  std::vector<FaceId> order_;
};

// What a page's content streams name in its /Resources, as libharu named
// them: /F1, /F2, ... the faces in order of first use on the page, /X1 the
// logo. A page's dictionary is written by Gazette at the end (PageTree);
// until then, this and its links are all a page keeps.
struct PageResources {
  std::u16string faces;  // FaceId each: no allocation for up to 7 faces a page
  bool image = false;
};

// The text of a page's runs as content-stream operators, written straight
// into the page's stream: glyph ids with TJ, positions corrected for
// shaping (kerning, marks), text rise for vertical offsets, and /ActualText
// spans where a cluster's glyphs cannot each map to its text (several
// glyphs for one cluster: a conjunct, a reordered vowel, a mark that is its
// own glyph; or a glyph that already stands for other text).
//
// Tagged (structure is set): every glyph is inside a marked-content
// sequence, tagged with its element's role and a marked-content id (MCID),
// or inside an /Artifact sequence (running footer). A word with
// /ActualText is a sequence of its own (/Span with both the MCID and the
// /ActualText), never nested in another: poppler's marked-content reader
// ends the outer sequence at a nested one's EMC.
class TextWriter {
  // The colour of links' text: #0645AD, 8.6:1 against white.
  static constexpr const char* kLinkColour = "0.024 0.271 0.678";

 public:
  // Writes the operators of a content stream of page.
  TextWriter(PageResources& resources, PdfFonts& fonts, StructureWriter* structure,
             size_t page_index, ContentHash& hash)
      : resources_(resources),
        fonts_(fonts),
        structure_(structure),
        page_index_(page_index),
        hash_(hash) {}

  // The page's operators, uncompressed, valid until the next call.
  const std::string& write(const LaidOutPage& laid) {
    buf_.clear();
    draw_shapes(laid.shapes);
    draw_images(laid.images);
    bool open = false;
    const std::vector<TextRun>& runs = laid.runs;
    for (size_t k = 0; k < runs.size();) {
      if (runs[k].glyphs.empty()) {
        ++k;
        continue;
      }
      if (!open) {
        buf_ += "BT\n";
        open = true;
      }
      // A line with right-to-left words, tagged, is written in logical
      // order (see logical_line); any other run as it comes.
      size_t end = k + 1;
      if (structure_) {
        while (end < runs.size() && runs[end].y == runs[k].y) ++end;
      }
      if (structure_ && tagged_rtl(runs, k, end)) {
        logical_line(runs, k, end);
        k = end;
      } else {
        run(runs[k]);
        ++k;
      }
    }
    end_sequence();
    if (open) buf_ += "ET\n";
    underline_links(laid);
    hash_.add(buf_);
    return buf_;
  }

 private:
  static constexpr int32_t kNone = -2;  // no sequence open

  // Opens the sequence of elem's text unless it is the open one.
  // An artifact is the running header when header is set, else the footer.
  void begin_sequence(int32_t elem, bool header = false) {
    if (!structure_ || (open_ == elem && (elem != kArtifact || open_header_ == header))) return;
    end_sequence();
    open_header_ = header;
    if (elem == kArtifact) {
      buf_ += header ? "/Artifact <</Type /Pagination /Subtype /Header>> BDC\n"
                     : "/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n";
    } else {
      open_tag(elem);
      buf_ += ">> BDC\n";
    }
    open_ = elem;
  }

  // "/Role <</MCID n", a new marked-content id of elem's.
  void open_tag(int32_t elem) {
    buf_ += '/';
    buf_ += role_name((*elements_)[elem].role);
    buf_ += " <</MCID ";
    append_int(structure_->mcid(page_index_, elem), buf_);
  }

  // The page's images (the logo), each a Figure's content when tagged.
  void draw_images(const std::vector<PlacedImage>& images) {
    for (const PlacedImage& im : images) {
      if (!image_) fail_runtime("libharu", "an image without its picture");
      resources_.image = true;
      if (structure_ && im.elem != kArtifact) {
        open_tag(im.elem);
        buf_ += ">> BDC\n";
      } else if (structure_) {
        buf_ += "/Artifact BMC\n";
      }
      buf_ += "q ";
      append_number(im.rect.right - im.rect.left, buf_);
      buf_ += " 0 0 ";
      append_number(im.rect.top - im.rect.bottom, buf_);
      buf_ += ' ';
      append_number(im.rect.left, buf_);
      buf_ += ' ';
      append_number(im.rect.bottom, buf_);
      buf_ += " cm /X1 Do Q\n";
      if (structure_) buf_ += "EMC\n";
    }
  }

  static void rgb(uint32_t c, std::string& out) {
    for (int shift : {16, 8, 0}) {
      append_number(static_cast<double>((c >> shift) & 0xff) / 255.0, out);
      if (shift) out += ' ';
    }
  }

 public:
  void set_image(HPDF_Image image) { image_ = image; }

 private:
  // The page's shapes, under its text: page furniture (an artifact when
  // tagged), in one graphics state of their own.
  void draw_shapes(const std::vector<Shape>& shapes) {
    if (shapes.empty()) return;
    buf_ += structure_ ? "/Artifact BMC\nq\n" : "q\n";
    // Set for the first shape of each kind: a page's second content
    // stream continues the first's graphics state.
    uint32_t fill = 0xffffffff, stroke = 0xffffffff;
    double width = -1;
    auto colour = [this](uint32_t rgb, const char* op) {
      for (int shift : {16, 8, 0}) {
        append_number(static_cast<double>((rgb >> shift) & 0xff) / 255.0, buf_);
        buf_ += ' ';
      }
      buf_ += op;
      buf_ += '\n';
    };
    for (const Shape& s : shapes) {
      if (s.kind == Shape::Fill) {
        if (s.rgb != fill) colour(fill = s.rgb, "rg");
        append_number(s.rect.left, buf_);
        buf_ += ' ';
        append_number(s.rect.bottom, buf_);
        buf_ += ' ';
        append_number(s.rect.right - s.rect.left, buf_);
        buf_ += ' ';
        append_number(s.rect.top - s.rect.bottom, buf_);
        buf_ += " re f\n";
      } else {
        if (s.rgb != stroke) colour(stroke = s.rgb, "RG");
        if (s.line_width != width) {
          append_number(width = s.line_width, buf_);
          buf_ += " w\n";
        }
        append_number(s.rect.left, buf_);
        buf_ += ' ';
        append_number(s.rect.bottom, buf_);
        buf_ += " m ";
        append_number(s.rect.right, buf_);
        buf_ += ' ';
        append_number(s.rect.top, buf_);
        buf_ += " l S\n";
      }
    }
    buf_ += structure_ ? "Q\nEMC\n" : "Q\n";
  }

  // Link text is underlined (in the link colour, like its glyphs), so that
  // links are seen without colour too; the rules are page furniture.
  void underline_links(const LaidOutPage& laid) {
    bool any = false;
    for (const TextRun& r : laid.runs) {
      if (!r.link || r.glyphs.empty()) continue;
      if (!any) {
        buf_ += structure_ ? "/Artifact BMC\nq " : "q ";
        buf_ += kLinkColour;
        buf_ += " rg\n";
        any = true;
      }
      append_number(r.x, buf_);
      buf_ += ' ';
      append_number(r.y - r.size * 0.12, buf_);
      buf_ += ' ';
      append_number(r.width, buf_);
      buf_ += ' ';
      append_number(r.size * 0.05, buf_);
      buf_ += " re\n";
    }
    if (any) buf_ += structure_ ? "f\nQ\nEMC\n" : "f\nQ\n";
  }

  void end_sequence() {
    if (!structure_ || open_ == kNone) return;
    close_array();
    buf_ += "EMC\n";
    open_ = kNone;
  }

 public:
  void set_elements(const std::vector<Element>* elements) { elements_ = elements; }

 private:
  // A word of a run: its glyphs [i, j), the clusters between two spaces
  // that are set in one direction (a space is a word of its own).
  struct Word {
    const TextRun* run = nullptr;
    uint32_t i = 0, j = 0;
    double x = 0;        // left end on the page (logical_line)
    uint8_t level = 0;   // bidi embedding level (logical_line)
    bool rtl = false;    // set right to left
    bool simple = true;  // the glyphs' mappings read back as its text
    bool contiguous = true;
    bool fenced = false;  // its /ActualText is fenced_text_
  };

  void set_font(const TextRun& r, EmbeddedFont& font) {
    // The fill colour goes with the run, as its font.
    const uint32_t colour = r.link ? kLink : r.rgb;
    if (colour != colour_) {
      close_array();
      if (r.link) {
        buf_ += kLinkColour;
        buf_ += " rg\n";
      } else if (r.rgb == 0) {
        buf_ += "0 g\n";
      } else {
        rgb(r.rgb, buf_);
        buf_ += " rg\n";
      }
      colour_ = colour;
    }
    if (r.font == face_ && r.size == size_) return;
    (void)font;  // embedded: fonts_.get() gave it
    const auto face = static_cast<char16_t>(r.font);
    size_t name = resources_.faces.find(face);
    if (name == std::u16string::npos) {
      name = resources_.faces.size();
      resources_.faces.push_back(face);
    }
    close_array();
    buf_ += "/F";
    append_uint(name + 1, buf_);
    buf_ += ' ';
    append_number(r.size, buf_);
    buf_ += " Tf\n";
    face_ = r.font;
    size_ = r.size;
  }

  // Sets the pen at (x, y), any correction pending dropped.
  void move_to(double x, double y) {
    adjust_ = 0;
    close_array();
    buf_ += "1 0 0 1 ";
    append_number(x, buf_);
    buf_ += ' ';
    append_number(y, buf_);
    buf_ += " Tm\n";
  }

  void run(const TextRun& r) {
    EmbeddedFont& font = fonts_.get(r.font);
    set_font(r, font);
    move_to(r.x, r.y);
    if (!r.rtl_line || r.y != line_y_) line_run_ = Run::None;
    line_y_ = r.y;
    for (size_t i = 0; i < r.glyphs.size();) {
      const Word w = scan_word(r, font, i, false);
      if (w.simple) {
        emit_word(w, font, {});
      } else {
        actual_.clear();
        actual_text(w, actual_);
        emit_word(w, font, actual_);
      }
      i = w.j;
    }
    adjust_ = 0;  // the next run sets its own position
    close_array();
    if (rise_ != 0) {
      buf_ += "0 Ts\n";
      rise_ = 0;
    }
  }

  // The word of r's glyphs from i. Word by word, because a word whose
  // glyphs' mappings read back as its text is shown as it is and any other
  // goes in one /ActualText span, and readers place the span's text over
  // the span's extent: a span per cluster would put gaps inside words.
  // logical: the word is written in logical order (logical_line).
  Word scan_word(const TextRun& r, EmbeddedFont& font, size_t i, bool logical) {
    const std::vector<Glyph>& glyphs = r.glyphs;
    Word w;
    w.run = &r;
    w.i = static_cast<uint32_t>(i);
    const bool rtl = glyphs[i].rtl;
    w.rtl = rtl;
    bool simple = true;
    // An artifact's mappings give way to the structure's (see use()).
    const bool weak = structure_ && r.elem == kArtifact;
    // The clusters' text, in drawing order: a stretch of the run's text
    // when each cluster's text follows the one before (set() lays it out
    // so); else gathered.
    bool contiguous = true;
    size_t j = i;
    while (j < glyphs.size() && glyphs[j].rtl == rtl) {
      size_t k = j + 1;  // a cluster: the glyphs standing for the same text
      while (k < glyphs.size() && glyphs[k].text_begin == glyphs[j].text_begin &&
             glyphs[k].text_end() == glyphs[j].text_end()) {
        ++k;
      }
      const std::string_view text(r.text.data() + glyphs[j].text_begin,
                                  glyphs[j].text_end() - glyphs[j].text_begin);
      const bool space = text == " ";
      if (space && j > i) break;  // the space starts the next word
      contiguous = contiguous && (j == i || glyphs[j].text_begin == glyphs[j - 1].text_end());
      for (size_t g = j; g < k; ++g) {
        // Readers build words from where glyphs fall: one raised or
        // lowered (a mark, Nastaliq's cascade) reads as a line of its
        // own, one moved far from where its width puts it (a mark placed
        // over its base) as a word of its own. Kerning is near enough.
        const int32_t moved = font.width(glyphs[g].gid) - glyphs[g].advance;
        simple = simple && glyphs[g].dy == 0 && glyphs[g].dx == 0 && moved < 150 && moved > -150;
      }
      simple = simple && k == j + 1;  // several glyphs: a reader spaces them
      if (k == j + 1) {
        const uint32_t gid = glyphs[j].gid;
        simple = font.use({&gid, 1}, text, rtl && !logical, weak) && simple;
      } else {
        gids_.clear();
        for (size_t g = j; g < k; ++g) gids_.push_back(glyphs[g].gid);
        // Written in logical order, a right-to-left cluster's glyphs come
        // last first, and map to its text in logical order.
        if (logical && rtl) std::reverse(gids_.begin(), gids_.end());
        simple = font.use(gids_, text, rtl && !logical, weak) && simple;
      }
      j = k;
      if (space) break;  // a space is a word of its own
    }
    w.j = static_cast<uint32_t>(j);
    // In a line of a right-to-left paragraph, readers that rebuild the
    // logical order by poppler's rule (pdftotext, Evince) see runs of
    // letters and digits (and separators such as - , . ، after them) as
    // left to right, and carry the spaces and brackets next to them over
    // to their other side. An invisible RIGHT-TO-LEFT MARK in the
    // /ActualText wherever the kind of run changes keeps each where it is
    // written (README, "Text layer").
    const bool space_word =
        j == i + 1 && r.text.compare(glyphs[i].text_begin, glyphs[i].text_size, " ") == 0;
    w.fenced = r.rtl_line && !space_word && fence(glyphs, r.text, i, j);
    // Written in logical order, a right-to-left word's mappings no longer
    // read back for readers that reverse it: it is given its text.
    w.simple = simple && !w.fenced && !(logical && rtl && !space_word);
    w.contiguous = contiguous;
    return w;
  }

  // Appends w's /ActualText, as readers that place it over the word expect.
  void actual_text(const Word& w, std::string& out) const {
    const std::vector<Glyph>& glyphs = w.run->glyphs;
    const std::string& text = w.run->text;
    if (w.fenced) {
      out += fenced_text_;
    } else if (w.rtl) {
      // Readers reverse right-to-left words character by character.
      append_reversed_clusters(glyphs, text, w.i, w.j, out);
    } else if (w.contiguous) {
      out.append(text, glyphs[w.i].text_begin, glyphs[w.j - 1].text_end() - glyphs[w.i].text_begin);
    } else {
      for (size_t g = w.i; g < w.j; ++g) {
        if (g > w.i && glyphs[g].text_begin == glyphs[g - 1].text_begin) continue;
        out.append(text, glyphs[g].text_begin, glyphs[g].text_end() - glyphs[g].text_begin);
      }
    }
  }

  // Writes w's glyphs from where the pen is, in drawing order; actual is
  // its /ActualText when it is not simple.
  void emit_word(const Word& w, EmbeddedFont& font, std::string_view actual) {
    const TextRun& r = *w.run;
    // In tagged content, the word's /ActualText span is its own sequence.
    const bool own_sequence = !w.simple && structure_ && r.elem != kArtifact;
    if (own_sequence) {
      end_sequence();
    } else {
      begin_sequence(r.elem, r.header);
    }
    if (!w.simple) {
      close_array();
      buf_ += "/Span <<";
      if (own_sequence) {
        buf_ += "/MCID ";
        append_int(structure_->mcid(page_index_, r.elem), buf_);
        buf_ += ' ';
      }
      buf_ += "/ActualText <FEFF";
      utf16_hex(actual, buf_);
      buf_ += ">>> BDC\n";
    }
    for (size_t g = w.i; g < w.j; ++g) glyph(r.glyphs[g], font, r.size);
    if (!w.simple) {
      close_array();
      buf_ += "EMC\n";
    }
  }

  // Whether the runs [k, end) of a line include a right-to-left word of the
  // document's structure.
  static bool tagged_rtl(const std::vector<TextRun>& runs, size_t k, size_t end) {
    for (size_t q = k; q < end; ++q) {
      if (runs[q].elem == kArtifact) continue;
      for (const Glyph& g : runs[q].glyphs) {
        if (g.rtl) return true;
      }
    }
    return false;
  }

  // The line of runs [k, end), written word by word in logical order, each
  // word at its place: readers of marked content (a screen reader walking
  // the structure; poppler's pdfinfo -struct-text) take glyphs in the order
  // they are drawn, without bidi. A right-to-left word's glyphs are drawn
  // last first, in one /ActualText span for readers that rebuild lines from
  // where glyphs fall (pdftotext); the span starts and ends with an
  // invisible space at the word's two ends (an artifact), because such
  // readers take a span's extent from its first and last glyph.
  void logical_line(const std::vector<TextRun>& runs, size_t k, size_t end) {
    words_.clear();
    actuals_.clear();
    for (size_t q = k; q < end; ++q) {
      const TextRun& r = runs[q];
      if (r.glyphs.empty()) continue;
      EmbeddedFont& font = fonts_.get(r.font);
      if (!r.rtl_line || r.y != line_y_) line_run_ = Run::None;
      line_y_ = r.y;
      int64_t units = 0;  // from r.x, 1/1000 em
      for (size_t i = 0; i < r.glyphs.size();) {
        Word w = scan_word(r, font, i, r.elem != kArtifact);
        w.x = r.x + static_cast<double>(units) * r.size / 1000.0;
        for (size_t g = w.i; g < w.j; ++g) units += r.glyphs[g].advance;
        // Levels as the Unicode bidi algorithm resolves them for text of
        // two directions (deeper nesting is not told apart).
        w.level = static_cast<uint8_t>(r.rtl_line ? (w.rtl ? 1 : 2) : (w.rtl ? 1 : 0));
        actuals_.emplace_back();
        if (!w.simple) actual_text(w, actuals_.back());
        words_.push_back(w);
        i = w.j;
      }
    }
    // Visual order (left to right), then logical: the bidi algorithm's
    // reversals undone, lowest level first.
    order_.resize(words_.size());
    for (size_t n = 0; n < order_.size(); ++n) order_[n] = static_cast<uint32_t>(n);
    std::stable_sort(order_.begin(), order_.end(),
                     [&](uint32_t a, uint32_t b) { return words_[a].x < words_[b].x; });
    uint8_t top = 0;
    for (const Word& w : words_) top = std::max(top, w.level);
    for (uint8_t level = 1; level <= top; ++level) {
      for (size_t a = 0; a < order_.size();) {
        if (words_[order_[a]].level < level) {
          ++a;
          continue;
        }
        size_t b = a;
        while (b < order_.size() && words_[order_[b]].level >= level) ++b;
        std::reverse(order_.begin() + static_cast<std::ptrdiff_t>(a),
                     order_.begin() + static_cast<std::ptrdiff_t>(b));
        a = b;
      }
    }
    for (uint32_t n : order_) {
      const Word& w = words_[n];
      const TextRun& r = *w.run;
      EmbeddedFont& font = fonts_.get(r.font);
      set_font(r, font);
      if (w.rtl && w.j - w.i > 1 && r.elem != kArtifact) {
        emit_reversed(w, font, actuals_[n]);
      } else {
        move_to(w.x - invisible_width(w, font) * r.size / 1000.0, r.y);
        emit_word(w, font, actuals_[n]);
      }
    }
    adjust_ = 0;
    close_array();
    if (rise_ != 0) {
      buf_ += "0 Ts\n";
      rise_ = 0;
    }
  }

  // For a word of a right-to-left line that takes no room (a ZERO WIDTH
  // NON-JOINER, which HarfBuzz sets as the space glyph with no advance),
  // the width readers give it, 1/1000 em: it is drawn that far to the left,
  // so that it falls on the word it precedes in logical order, not on the
  // word before, which readers would take for a duplicate and set apart.
  static double invisible_width(const Word& w, EmbeddedFont& font) {
    if (!w.run->rtl_line) return 0;
    int32_t width = 0;
    for (size_t g = w.i; g < w.j; ++g) {
      if (w.run->glyphs[g].advance != 0) return 0;
      width += font.width(w.run->glyphs[g].gid);
    }
    return width;
  }

  // A right-to-left word of logical_line, its glyphs drawn last first.
  void emit_reversed(const Word& w, EmbeddedFont& font, std::string_view actual) {
    const TextRun& r = *w.run;
    const std::vector<Glyph>& glyphs = r.glyphs;
    end_sequence();
    adjust_ = 0;
    close_array();
    buf_ += "/Span <</ActualText <FEFF";
    utf16_hex(actual, buf_);
    buf_ += ">>> BDC\n";
    int64_t units = 0;  // the word's advance; glyph j - 1 starts at units - its advance
    for (size_t g = w.i; g < w.j; ++g) units += glyphs[g].advance;
    const uint32_t space = font.face().glyph(U' ');
    if (space != 0) edge(space, font, r, w.x);
    open_tag(r.elem);
    buf_ += ">> BDC\n";
    move_to(w.x, r.y);
    adjust_ = static_cast<int32_t>(glyphs[w.j - 1].advance - units);
    glyph(glyphs[w.j - 1], font, r.size);
    for (size_t g = w.j - 1; g > w.i; --g) {
      adjust_ += glyphs[g].advance + glyphs[g - 1].advance;
      glyph(glyphs[g - 1], font, r.size);
    }
    adjust_ = 0;
    close_array();
    buf_ += "EMC\n";
    if (space != 0) {
      edge(space, font, r, w.x + static_cast<double>(units - font.width(space)) * r.size / 1000.0);
    }
    buf_ += "EMC\n";
  }

  // An invisible space at x, an artifact: one end of a word's span.
  void edge(uint32_t space, EmbeddedFont& font, const TextRun& r, double x) {
    font.use({&space, 1}, " ", false);
    buf_ += "/Artifact BMC\n";
    move_to(x, r.y);
    Glyph g;
    g.gid = static_cast<uint16_t>(space);
    g.advance = static_cast<int16_t>(font.width(space));
    glyph(g, font, r.size);
    adjust_ = 0;
    close_array();
    buf_ += "EMC\n";
  }

  // One glyph: moved by its offset, then the pen set to its advance. Its
  // 2-byte code (Identity-H) goes in a literal string with the glyphs
  // before it that need no correction between them: a third of hex's bytes.
  void glyph(const Glyph& g, EmbeddedFont& font, double size) {
    if (g.dy != rise_) {
      close_array();
      append_number(g.dy * size / 1000.0, buf_);
      buf_ += " Ts\n";
      rise_ = g.dy;
    }
    adjust_ -= g.dx;  // TJ numbers move left
    if (!in_array_) {
      buf_ += '[';
      in_array_ = true;
    }
    if (adjust_ != 0) {
      close_string();
      append_int(adjust_, buf_);
      adjust_ = 0;
    }
    if (!in_string_) {
      buf_ += '(';
      in_string_ = true;
    }
    const char code[2] = {static_cast<char>(g.gid >> 8), static_cast<char>(g.gid & 0xFF)};
    if (kEscaped[static_cast<uint8_t>(code[0])] || kEscaped[static_cast<uint8_t>(code[1])]) {
      code_byte(code[0]);
      code_byte(code[1]);
    } else {
      buf_.append(code, 2);
    }
    adjust_ = g.dx + font.width(g.gid) - g.advance;
  }

  // The bytes code_byte() escapes.
  static constexpr std::array<bool, 256> kEscaped = [] {
    std::array<bool, 256> t{};
    t['('] = t[')'] = t['\\'] = t['\r'] = true;
    return t;
  }();

  // A byte of a literal string: parentheses and backslash escaped, and
  // carriage return, which a reader would take for a line end.
  void code_byte(char c) {
    if (c == '(' || c == ')' || c == '\\') {
      buf_ += '\\';
    } else if (c == '\r') {
      buf_ += "\\r";
      return;
    }
    buf_ += c;
  }

  void close_string() {
    if (!in_string_) return;
    buf_ += ')';
    in_string_ = false;
  }

  void close_array() {
    if (!in_array_) return;
    close_string();
    buf_ += "] TJ\n";
    in_array_ = false;
    // A pending correction moves the pen for what follows.
    if (adjust_ != 0) {
      buf_ += '[';
      append_int(adjust_, buf_);
      buf_ += "] TJ\n";
      adjust_ = 0;
    }
  }

  // How a reader following poppler's rule sees a cluster of a right-to-left
  // line: left to right (set so), a number's separator (drawn right to
  // left, but read as part of a number), or right to left.
  enum class Run : uint8_t { None, Ltr, Number, Rtl };

  static Run run_of(const Glyph& g, std::string_view text) {
    if (!g.rtl) return Run::Ltr;
    bool number = false;
    for (size_t i = 0; i < text.size();) {
      char32_t c;
      i += utf8_decode(text.substr(i), &c);
      switch (u_charDirection(static_cast<UChar32>(c))) {
        case U_EUROPEAN_NUMBER:
        case U_ARABIC_NUMBER:
        case U_EUROPEAN_NUMBER_SEPARATOR:
        case U_EUROPEAN_NUMBER_TERMINATOR:
        case U_COMMON_NUMBER_SEPARATOR:
          number = true;
          break;
        case U_DIR_NON_SPACING_MARK:
        case U_BOUNDARY_NEUTRAL:
          break;
        default:
          return Run::Rtl;
      }
    }
    return number ? Run::Number : Run::Rtl;
  }

  // Whether the word of glyphs [i, j) of a right-to-left line needs marks;
  // if so, fenced_text_ is its /ActualText, clusters in drawing order (those
  // set right to left reversed, as readers reverse them), with a
  // RIGHT-TO-LEFT MARK wherever the kind of run changes from the cluster
  // drawn before on the line.
  bool fence(const std::vector<Glyph>& glyphs, const std::string& text, size_t i, size_t j) {
    fenced_text_.clear();
    bool marked = false;
    for (size_t g = i; g < j; ++g) {
      if (g > i && glyphs[g].text_begin == glyphs[g - 1].text_begin) continue;
      const std::string_view cluster(text.data() + glyphs[g].text_begin, glyphs[g].text_size);
      const Run run = run_of(glyphs[g], cluster);
      if (line_run_ != Run::None && run != line_run_) {
        fenced_text_ += "\u200F";
        marked = true;
      }
      line_run_ = run;
      if (!glyphs[g].rtl) {
        fenced_text_ += cluster;
        // A left-to-right word that ends in a bracket or other neutral
        // character ends with a LEFT-TO-RIGHT MARK, which keeps that
        // character in its run.
        if (g + 1 == j || glyphs[j - 1].text_begin == glyphs[g].text_begin) {
          char32_t last = 0;
          for (size_t k = 0; k < cluster.size();) k += utf8_decode(cluster.substr(k), &last);
          const UCharDirection d = u_charDirection(static_cast<UChar32>(last));
          if (d == U_OTHER_NEUTRAL || d == U_WHITE_SPACE_NEUTRAL) {
            fenced_text_ += "\u200E";
            marked = true;
          }
        }
        continue;
      }
      append_reversed(cluster, fenced_text_);
    }
    return marked;
  }

  // Appends the text of glyphs [i, j) of a right-to-left word as a reader
  // that reverses it expects: its logical text (the clusters from the last
  // drawn) with its code points reversed, that is each cluster's text
  // reversed, in drawing order.
  static void append_reversed_clusters(const std::vector<Glyph>& glyphs, const std::string& text,
                                       size_t i, size_t j, std::string& out) {
    for (size_t g = i; g < j; ++g) {
      if (g > i && glyphs[g].text_begin == glyphs[g - 1].text_begin) continue;
      const std::string_view cluster(text.data() + glyphs[g].text_begin,
                                     glyphs[g].text_end() - glyphs[g].text_begin);
      append_reversed(cluster, out);
    }
  }

  std::vector<uint32_t> gids_;
  PageResources& resources_;
  PdfFonts& fonts_;
  StructureWriter* structure_;
  size_t page_index_;
  ContentHash& hash_;
  const std::vector<Element>* elements_ = nullptr;
  int32_t open_ = kNone;
  bool open_header_ = false;                    // the open artifact is the running header
  static constexpr uint32_t kLink = 0x1000000;  // not an 0xRRGGBB
  uint32_t colour_ = 0;                         // the fill colour: 0xRRGGBB or kLink
  HPDF_Image image_ = nullptr;                  // the digest's logo, when a page shows it
  std::string buf_;
  int face_ = -1;
  double size_ = 0;
  int32_t adjust_ = 0;  // pending TJ correction, 1/1000 em
  int32_t rise_ = 0;    // current text rise, 1/1000 em
  bool in_array_ = false;
  bool in_string_ = false;
  // The line being written, and the kind of run its last cluster drawn
  // (spaces aside) is part of.
  double line_y_ = 0;
  Run line_run_ = Run::None;
  std::string fenced_text_;
  std::string actual_;                // a word's /ActualText
  std::vector<Word> words_;           // logical_line's words,
  std::vector<std::string> actuals_;  // their /ActualText,
  std::vector<uint32_t> order_;       // and the order they are written in
};

// A literal string of bytes that are not text (a URI): ( ) \ escaped, bytes
// outside printable ASCII in octal.
void append_literal(std::string_view bytes, std::string& out) {
  out += '(';
  for (const char ch : bytes) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '(' || c == ')' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c < 0x20 || c > 0x7e) {
      const char oct[4] = {'\\', static_cast<char>('0' + (c >> 6)),
                           static_cast<char>('0' + ((c >> 3) & 7)),
                           static_cast<char>('0' + (c & 7))};
      out.append(oct, 4);
    } else {
      out += ch;
    }
  }
  out += ')';
}

void append_ref(uint32_t num, std::string& out) {
  append_uint(num, out);
  out += " 0 R";
}

void append_rect(const Rect& r, std::string& out) {
  out += '[';
  append_number(r.left, out);
  out += ' ';
  append_number(std::min(r.bottom, r.top), out);
  out += ' ';
  append_number(r.right, out);
  out += ' ';
  append_number(std::max(r.bottom, r.top), out);
  out += ']';
}

// The document's bytes, in a string of capacity room at least.
std::string save(HpdfDoc& doc, size_t room) {
  std::string bytes;
  bytes.reserve(room);
  if (libharu_interposed()) {
    save_to_string(doc.get(), bytes);
    doc.check("cannot write the PDF");
    if (bytes.empty()) fail_runtime("libharu", "cannot write the PDF");
    return bytes;
  }
  HPDF_SaveToStream(doc.get());
  doc.check("cannot write the PDF");
  HPDF_UINT32 size = HPDF_GetStreamSize(doc.get());
  bytes.reserve(std::max<size_t>(room, size));
  bytes.resize(size);
  HPDF_UINT32 read = size;
  HPDF_ReadFromStream(doc.get(), reinterpret_cast<HPDF_BYTE*>(bytes.data()), &read);
  doc.check("cannot read the PDF back");
  if (read != size) fail_runtime("libharu", "short read of the PDF stream");
  return bytes;
}

}  // namespace

// The document, written as pages come: a page's text is drawn and deflated
// when it comes and written to the output at once; its dictionary and its
// links are written at the end, as PDF text after libharu's objects (links
// may point forward, and their parent-tree keys follow the pages'). libharu
// never sees a page: its page objects took some 4.5 KB each (a 128-byte key
// per dictionary entry, a graphics state, a memory stream per content
// stream), 170 MB of a 37,000-page digest.
class PdfDocument::Impl {
 public:
  // The page tree: the pages under the root when there are at most this
  // many, else under a /Pages node per this many pages (readers find a page
  // without scanning a long array).
  static constexpr size_t kPagesPerNode = 8192;

  Impl(const Digest& digest, const DocumentInfo& info, const FontSet& fonts, ByteSink& out)
      : digest_(digest),
        info_(info),
        out_(out),
        hpdf_(std::make_unique<HpdfDoc>()),
        fonts_(std::in_place, *hpdf_, fonts) {
    HPDF_SetCompressionMode(hpdf_->get(), HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(hpdf_->get());
    // OpenType font programs (FontFile3 /OpenType) are PDF 1.6; 1.7 is ISO 32000-1.
    hpdf_->get()->pdf_version = HPDF_VER_17;
    hpdf_->check("cannot set up the document");
    if (info.tagged()) {
      structure_.emplace();
      structure_->set_figure_alt(digest.logo.alt);
    }
    const Rect paper = paper_rect(digest.paper);
    width_ = paper.right;
    height_ = paper.top;
    emit(kPdfHeader);
  }

  void draw(size_t index, LaidOutPage&& laid, const std::vector<Element>& elements) {
    Page& page = page_at(index);
    // A page drawn already gets a second content stream (its footer).
    uint32_t& contents = page.contents == 0 ? page.contents : page.more;
    if (contents != 0)
      fail_runtime("libharu", "page " + std::to_string(index + 1) + " drawn thrice");
    contents = reserve();
    StructureWriter* tags = structure_ && !elements.empty() ? &*structure_ : nullptr;
    if (tags) tags->set_elements(&elements);
    TextWriter writer(page.resources, *fonts_, tags, index, hash_);
    writer.set_elements(&elements);
    if (!laid.images.empty()) writer.set_image(logo());
    const std::string& operators = writer.write(laid);
    hpdf_->check("cannot draw page " + std::to_string(index + 1));
    write_stream(contents, deflater_.zlib(operators));
    std::move(laid.links.begin(), laid.links.end(), std::back_inserter(page.links));
    std::move(laid.uri_links.begin(), laid.uri_links.end(), std::back_inserter(page.uri_links));
  }

  void finish(LaidOut&& laid) {
    // The page size is layout's (tests draw pages of their own sizes).
    if (laid.width > 0 && laid.height > 0) {
      width_ = laid.width;
      height_ = laid.height;
    }
    for (size_t i = 0; i < laid.pages.size(); ++i) {
      draw(i, std::move(laid.pages[i]), laid.elements);
      std::vector<TextRun>().swap(laid.pages[i].runs);
    }
    StructureWriter* tags = structure_ && !laid.elements.empty() ? &*structure_ : nullptr;
    if (tags) {
      tags->set_elements(&laid.elements);
      tags->set_pages(pages_.size());
    }
    std::optional<OutlineWriter> outline;
    if (!laid.outline.empty()) outline.emplace().prepare(*hpdf_);
    fonts_->finish();
    if (tags) tags->prepare(*hpdf_, digest_.lang);
    set_document_info(*hpdf_, digest_, info_);
    if (info_.tagged()) set_standards(*hpdf_, digest_, info_, hash_);
    // What the pages refer to among libharu's objects; the root /Pages,
    // empty in libharu's document, is replaced by the page tree.
    const std::vector<uint32_t> font_nums = fonts_->objects();
    const uint32_t image_num = logo_ ? logo_->header.obj_id & 0x00FFFFFF : 0;
    const uint32_t root_pages = hpdf_->get()->root_pages->header.obj_id & 0x00FFFFFF;
    // Room for libharu's bytes: the fonts, and the content streams'
    // stand-ins (some 40 bytes each, and their cross-reference entries).
    const size_t room = (size_t{4} << 20) + 128 * pages_.size();
    std::vector<uint32_t> replaced{root_pages};
    if (outline) replaced.push_back(outline->stand_in());
    if (tags) replaced.push_back(tags->stand_in());
    Appendix app(save(*hpdf_, room), out_, written_, prewritten_, replaced);
    // Written as text after libharu's objects are freed.
    fonts_.reset();
    hpdf_.reset();
    std::vector<uint32_t> page_nums(pages_.size());
    for (uint32_t& num : page_nums) num = app.reserve();
    if (outline) outline->append(app, laid.outline, page_nums);
    write_pages(app, root_pages, page_nums, font_nums, image_num, tags);
    if (tags) {
      tags->set_page_objects(std::move(page_nums));
      tags->append(app);
    }
    app.finish();
  }

 private:
  struct Page {
    uint32_t contents = 0;  // its content stream (0: not drawn)
    uint32_t more = 0;      // a second one, drawn at the end: the footer
    PageResources resources;
    std::vector<LinkArea> links;  // added at the end
    std::vector<UriLink> uri_links;
  };

  Page& page_at(size_t index) {
    if (pages_.size() <= index) pages_.resize(index + 1);
    return pages_[index];
  }

  // A new object number in libharu's document, for an object Gazette
  // writes: a number object stands in (some 70 bytes of libharu's memory),
  // left out when libharu's objects are written (Appendix).
  uint32_t reserve() {
    HPDF_Doc doc = hpdf_->get();
    HPDF_Number stand_in = HPDF_Number_New(doc->mmgr, 0);
    if (!stand_in || HPDF_Xref_Add(doc->xref, stand_in) != HPDF_OK) {
      hpdf_->check("cannot add a content stream");
      fail_runtime("libharu", "cannot add a content stream");
    }
    return stand_in->header.obj_id & 0x00FFFFFF;
  }

  // The page tree, each page's dictionary and its link annotations, as
  // PDF text (Appendix), the pages' objects numbered page_nums.
  void write_pages(Appendix& app, uint32_t root, const std::vector<uint32_t>& page_nums,
                   const std::vector<uint32_t>& font_nums, uint32_t image_num,
                   StructureWriter* tags) {
    std::string& pdf = app.pdf();
    const size_t n = pages_.size();
    // The parent of each page: the root, or a node of kPagesPerNode pages.
    std::vector<uint32_t> nodes;
    if (n > kPagesPerNode) {
      nodes.resize((n + kPagesPerNode - 1) / kPagesPerNode);
      for (uint32_t& num : nodes) num = app.reserve();
    }
    auto kids = [&](size_t from, size_t to) {
      pdf += " /Kids [";
      for (size_t i = from; i < to; ++i) {
        if (i > from) pdf += ' ';
        append_ref(page_nums[i], pdf);
        app.spill();
      }
      pdf += "] /Count ";
      append_uint(to - from, pdf);
    };
    app.begin(root);
    pdf += "<</Type /Pages";
    if (nodes.empty()) {
      kids(0, n);
    } else {
      pdf += " /Kids [";
      for (size_t k = 0; k < nodes.size(); ++k) {
        if (k > 0) pdf += ' ';
        append_ref(nodes[k], pdf);
      }
      pdf += "] /Count ";
      append_uint(n, pdf);
    }
    pdf += ">>\nendobj\n";
    for (size_t k = 0; k < nodes.size(); ++k) {
      app.begin(nodes[k]);
      pdf += "<</Type /Pages /Parent ";
      append_ref(root, pdf);
      kids(k * kPagesPerNode, std::min(n, (k + 1) * kPagesPerNode));
      pdf += ">>\nendobj\n";
    }
    std::vector<uint32_t> annots;
    for (size_t i = 0; i < n; ++i) {
      Page& page = pages_[i];
      annots.resize(page.links.size() + page.uri_links.size());
      for (uint32_t& num : annots) num = app.reserve();
      app.begin(page_nums[i]);
      pdf += "<</Type /Page /Parent ";
      append_ref(nodes.empty() ? root : nodes[i / kPagesPerNode], pdf);
      pdf += " /MediaBox [0 0 ";
      append_number(width_, pdf);
      pdf += ' ';
      append_number(height_, pdf);
      pdf += "] /Resources <<";
      const std::u16string& faces = page.resources.faces;
      if (!faces.empty()) {
        pdf += "/Font <<";
        for (size_t f = 0; f < faces.size(); ++f) {
          pdf += f == 0 ? "/F" : " /F";
          append_uint(f + 1, pdf);
          pdf += ' ';
          append_ref(font_nums.at(faces[f]), pdf);
        }
        pdf += ">>";
      }
      if (page.resources.image) {
        pdf += faces.empty() ? "/XObject <</X1 " : " /XObject <</X1 ";
        append_ref(image_num, pdf);
        pdf += ">>";
      }
      pdf += ">>";
      if (page.contents != 0) {
        pdf += " /Contents ";
        if (page.more != 0) pdf += '[';
        append_ref(page.contents, pdf);
        if (page.more != 0) {
          pdf += ' ';
          append_ref(page.more, pdf);
          pdf += ']';
        }
      }
      if (!annots.empty()) {
        pdf += " /Annots [";
        for (size_t a = 0; a < annots.size(); ++a) {
          if (a > 0) pdf += ' ';
          append_ref(annots[a], pdf);
        }
        pdf += ']';
      }
      if (tags) {
        pdf += " /StructParents ";
        append_uint(i, pdf);
        pdf += " /Tabs /S";  // tab through links in structure order
      }
      pdf += ">>\nendobj\n";
      // Its links: no box around them; in a tagged PDF each is printable
      // (/F 4, PDF/A), has /Contents for readers and is a kid of its Link
      // element.
      size_t a = 0;
      auto annotation = [&](const Rect& rect, int32_t elem, std::string_view contents) {
        const uint32_t num = annots[a++];
        app.begin(num);
        pdf += "<</Type /Annot /Subtype /Link /Rect ";
        append_rect(rect, pdf);
        pdf += " /P ";
        append_ref(page_nums[i], pdf);
        pdf += " /Border [0 0 0]";
        if (tags && elem != kArtifact) {
          pdf += " /F 4 /StructParent ";
          append_uint(tags->annotation(i, num, elem), pdf);
          pdf += " /Contents ";
          append_text_string(contents, pdf);
        }
      };
      for (const LinkArea& link : page.links) {
        annotation(link.rect, link.elem, link.label);
        // FitH: the reader's zoom is kept.
        pdf += " /H /N /Dest [";
        append_ref(page_nums.at(static_cast<size_t>(link.target_page)), pdf);
        pdf += " /FitH ";
        append_number(link.target_y, pdf);
        pdf += "]>>\nendobj\n";
      }
      for (const UriLink& link : page.uri_links) {
        annotation(link.rect, link.elem, link.uri);
        pdf += " /A <</Type /Action /S /URI /URI ";
        append_literal(link.uri, pdf);
        pdf += ">>>>\nendobj\n";
      }
      // Written: the links are not needed any more.
      std::vector<LinkArea>().swap(page.links);
      std::vector<UriLink>().swap(page.uri_links);
    }
  }

  // The digest's logo, loaded once (libharu reads PNG with libpng and
  // takes JPEG as it is); a file libharu cannot read is an error (exit 2).
  HPDF_Image logo() {
    if (logo_) return logo_;
    const DigestImage& im = digest_.logo;
    if (!im.bytes) fail_runtime("libharu", "an image without its picture");
    const auto* data = reinterpret_cast<const HPDF_BYTE*>(im.bytes->data());
    const auto size = static_cast<HPDF_UINT>(im.bytes->size());
    logo_ = im.png ? HPDF_LoadPngImageFromMem(hpdf_->get(), data, size)
                   : HPDF_LoadJpegImageFromMem(hpdf_->get(), data, size);
    if (!logo_) {
      HPDF_ResetError(hpdf_->get());
      fail({}, "cannot read the logo: libharu cannot load it as " +
                   std::string(im.png ? "PNG" : "JPEG"));
    }
    return logo_;
  }

  void emit(std::string_view bytes) {
    out_.write(bytes);
    written_ += bytes.size();
  }

  // A content stream, written to the output now as object num, whose
  // stand-in in libharu's document is left out when libharu's objects are
  // written.
  void write_stream(uint32_t num, std::string_view deflated) {
    prewritten_.push_back({num, written_});
    std::string& head = head_;
    head.clear();
    append_int(num, head);
    head += " 0 obj\n<</Length ";
    append_int(static_cast<int64_t>(deflated.size()), head);
    head += " /Filter /FlateDecode>>\nstream\n";
    emit(head);
    emit(deflated);
    emit("\nendstream\nendobj\n");
  }

  const Digest& digest_;
  const DocumentInfo& info_;
  ByteSink& out_;
  size_t written_ = 0;                  // bytes given to out_
  std::vector<Prewritten> prewritten_;  // the content streams in out_
  std::string head_;
  std::unique_ptr<HpdfDoc> hpdf_;
  std::optional<PdfFonts> fonts_;
  ContentHash hash_;
  Deflater deflater_;
  std::optional<StructureWriter> structure_;
  double width_ = 0, height_ = 0;
  std::vector<Page> pages_;
  HPDF_Image logo_ = nullptr;
};

PdfDocument::PdfDocument(const Digest& digest, const DocumentInfo& info, const FontSet& fonts,
                         ByteSink& out)
    : impl_(std::make_unique<Impl>(digest, info, fonts, out)) {}
PdfDocument::~PdfDocument() = default;

void PdfDocument::page(size_t index, LaidOutPage&& page, const std::vector<Element>& elements) {
  impl_->draw(index, std::move(page), elements);
}

void PdfDocument::finish(LaidOut&& rest) { impl_->finish(std::move(rest)); }

std::string write_pdf(LaidOut&& laid, const Digest& digest, const DocumentInfo& info,
                      const FontSet& fonts) {
  std::string bytes;
  StringSink out(bytes);
  PdfDocument doc(digest, info, fonts, out);
  doc.finish(std::move(laid));
  return bytes;
}

std::string write_pdf(const LaidOut& laid, const Digest& digest, const DocumentInfo& info,
                      const FontSet& fonts) {
  LaidOut copy = laid;
  return write_pdf(std::move(copy), digest, info, fonts);
}

}  // namespace gz
