#include "pdf/pdf_writer.h"

#include <hpdf_fontdef.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <hpdf_utils.h>

#include <algorithm>
#include <cstdint>
#include <deque>
#include <map>
#include <vector>

#include "base/diag.h"
#include "pdf/hpdf_doc.h"
#include "pdf/pdf_info.h"

namespace gz {

namespace {

// The fonts of the document, loaded into libharu on first use: a digest
// embeds only the faces it draws with (a Latin digest carries no CJK font),
// and each distinct file once (libharu refuses a second load).
class PdfFonts {
 public:
  struct Font {
    HPDF_Font font = nullptr;
    HPDF_FontDef def = nullptr;
    std::vector<uint8_t> marked;  // code points whose glyph is marked used (1)
  };

  PdfFonts(HpdfDoc& doc, const FontSet& fonts)
      : doc_(doc), fonts_(fonts), loaded_(fonts.faces.size(), nullptr) {}

  Font& get(FaceId face) {
    Font*& font = loaded_.at(face);
    if (font) return *font;
    const std::string& path = fonts_.faces[face].path;
    if (auto it = by_path_.find(path); it != by_path_.end()) return *(font = it->second);
    // libharu says only "cannot open file", and crashes on some bad files.
    check_embeddable_font(path);
    const char* name = HPDF_LoadTTFontFromFile(doc_.get(), path.c_str(), HPDF_TRUE);
    doc_.check("cannot load TrueType font", path);
    // libharu knows fonts by PostScript name: a second file with the same
    // name would silently be drawn with the first one's glyphs.
    if (auto [it, fresh] = by_name_.emplace(name, path); !fresh) {
      fail_runtime(path, std::string("has the same PostScript name '") + name + "' as " +
                             it->second + "; libharu can embed only one of them");
    }
    Font& f = files_.emplace_back();
    f.font = HPDF_GetFont(doc_.get(), name, "UTF-8");
    f.def = HPDF_GetFontDef(doc_.get(), name);
    doc_.check("cannot use font with UTF-8", path);
    f.marked.assign(0x10000, 0);
    return *(font = by_path_[path] = &f);
  }

 private:
  HpdfDoc& doc_;
  const FontSet& fonts_;
  std::vector<Font*> loaded_;
  std::deque<Font> files_;
  std::map<std::string, Font*> by_path_;
  std::map<std::string, std::string> by_name_;  // PostScript name -> file
};

// The operators HPDF_Page_TextOut writes for a run, without its cost per
// character (it measures the run again and hex-encodes it a byte at a time
// through its stream layer: a quarter of a digest's instructions, callgrind).
// Positions follow libharu's arithmetic (HPDF_REAL, "dx dy Td" from the start
// of the previous run) and its number format (HPDF_FToA); the text is the
// UTF-16 code units of the UTF-8 encoder in upper-case hex; each glyph drawn
// is marked used, as libharu's measuring does (HPDF_TTFontDef_GetCharWidth),
// so the embedded subsets are the same. tests/test_pdf.cc compares the bytes
// with TextPath::libharu's.
class DirectText {
 public:
  explicit DirectText(HPDF_Page page) : stream_(static_cast<HPDF_PageAttr>(page->attr)->stream) {}

  void run(const TextRun& r, PdfFonts::Font& font) {
    HPDF_REAL dx = static_cast<HPDF_REAL>(r.x) - line_x_;
    HPDF_REAL dy = static_cast<HPDF_REAL>(r.y) - line_y_;
    line_x_ += dx;
    line_y_ += dy;
    number(dx);
    buf_ += ' ';
    number(dy);
    buf_ += " Td\012";
    // libharu writes no Tj for a run of zero width (HPDF_Page_ShowText).
    if (r.width == 0) return;
    // At most one 16-bit code per byte of UTF-8: 4 hex digits each.
    const size_t start = buf_.size();
    buf_.resize(start + 4 * r.text.size() + 8);
    char* out = buf_.data() + start;
    *out++ = '<';
    static constexpr char kHex[] = "0123456789ABCDEF";
    for (size_t i = 0; i < r.text.size();) {
      char32_t c = static_cast<unsigned char>(r.text[i]);
      if (c < 0x80) {
        ++i;
      } else {
        c = next_code_point(r.text, i);
        if (c > 0xFFFF) c = 0xFFFD;  // as hpdf_text: libharu's encoder is 16-bit
      }
      if (!font.marked[c]) {
        font.marked[c] = 1;
        HPDF_TTFontDef_GetCharWidth(font.def, static_cast<HPDF_UINT16>(c));
      }
      out[0] = kHex[(c >> 12) & 0xF];
      out[1] = kHex[(c >> 8) & 0xF];
      out[2] = kHex[(c >> 4) & 0xF];
      out[3] = kHex[c & 0xF];
      out += 4;
    }
    static constexpr char kShow[] = "> Tj\012";
    out = std::copy(kShow, kShow + sizeof kShow - 1, out);
    buf_.resize(static_cast<size_t>(out - buf_.data()));
  }

  // Writes what is buffered; before libharu writes to the stream itself.
  void flush() {
    if (buf_.empty()) return;
    HPDF_Stream_Write(stream_, reinterpret_cast<const HPDF_BYTE*>(buf_.data()),
                      static_cast<HPDF_UINT>(buf_.size()));
    buf_.clear();
  }

 private:
  void number(HPDF_REAL v) {
    char s[64];  // libharu's own buffers are larger than any number it writes
    char* end = HPDF_FToA(s, v, s + sizeof s - 1);
    buf_.append(s, end);
  }

  // The code point at text[i], advancing i; U+FFFD for a malformed sequence.
  static char32_t next_code_point(const std::string& text, size_t& i) {
    auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
    unsigned char b = byte(i);
    int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + size_t(len) > text.size()) {
      ++i;
      return 0xFFFD;
    }
    char32_t c = len == 1 ? b : b & (0x7F >> len);
    for (int k = 1; k < len; ++k) {
      if ((byte(i + size_t(k)) & 0xC0) != 0x80) {
        ++i;
        return 0xFFFD;
      }
      c = (c << 6) | (byte(i + size_t(k)) & 0x3F);
    }
    i += size_t(len);
    return c;
  }

  HPDF_Stream stream_;
  HPDF_REAL line_x_ = 0, line_y_ = 0;  // where the last run started (the text line matrix)
  std::string buf_;
};

void draw_text(HPDF_Page page, const LaidOutPage& laid, PdfFonts& fonts, TextPath path) {
  std::string scratch;
  DirectText direct(page);
  HPDF_Page_BeginText(page);
  int font = -1;
  double size = 0;
  for (const TextRun& r : laid.runs) {
    if (r.text.empty()) continue;
    PdfFonts::Font& f = fonts.get(r.font);
    if (r.font != font || r.size != size) {
      font = r.font;
      size = r.size;
      direct.flush();
      HPDF_Page_SetFontAndSize(page, f.font, static_cast<HPDF_REAL>(size));
    }
    if (path == TextPath::direct) {
      direct.run(r, f);
    } else {
      HPDF_Page_TextOut(page, static_cast<HPDF_REAL>(r.x), static_cast<HPDF_REAL>(r.y),
                        hpdf_text(r.text, scratch));
    }
  }
  direct.flush();
  HPDF_Page_EndText(page);
}

// FitH rather than XYZ: libharu 2.3.0 rejects XYZ's zoom 0 ("keep the
// reader's zoom") and any other zoom would change the reader's.
HPDF_Destination destination(const std::vector<HPDF_Page>& pages, int page, double top) {
  HPDF_Destination dst = HPDF_Page_CreateDestination(pages.at(page));
  HPDF_Destination_SetFitH(dst, static_cast<HPDF_REAL>(top));
  return dst;
}

void add_links(HPDF_Page page, const LaidOutPage& laid, const std::vector<HPDF_Page>& pages) {
  for (const LinkArea& link : laid.links) {
    HPDF_Rect rect{static_cast<HPDF_REAL>(link.rect.left), static_cast<HPDF_REAL>(link.rect.bottom),
                   static_cast<HPDF_REAL>(link.rect.right), static_cast<HPDF_REAL>(link.rect.top)};
    HPDF_Annotation annot =
        HPDF_Page_CreateLinkAnnot(page, rect, destination(pages, link.target_page, link.target_y));
    HPDF_LinkAnnot_SetBorderStyle(annot, 0, 0, 0);  // no box around the link
    HPDF_LinkAnnot_SetHighlightMode(annot, HPDF_ANNOT_NO_HIGHTLIGHT);
  }
}

void add_uri_links(HPDF_Page page, const LaidOutPage& laid) {
  for (const UriLink& link : laid.uri_links) {
    HPDF_Rect rect{static_cast<HPDF_REAL>(link.rect.left), static_cast<HPDF_REAL>(link.rect.bottom),
                   static_cast<HPDF_REAL>(link.rect.right), static_cast<HPDF_REAL>(link.rect.top)};
    HPDF_Annotation annot = HPDF_Page_CreateURILinkAnnot(page, rect, link.uri.c_str());
    HPDF_LinkAnnot_SetBorderStyle(annot, 0, 0, 0);  // no box around the link
  }
}

void add_outline(HpdfDoc& doc, const LaidOut& laid, const std::vector<HPDF_Page>& pages) {
  // libharu's UTF-8 encoder writes outline titles as UTF-16BE with a BOM.
  HPDF_Encoder utf8 = HPDF_GetEncoder(doc.get(), "UTF-8");
  HPDF_Outline group = nullptr;
  std::string scratch;
  for (const OutlineEntry& e : laid.outline) {
    HPDF_Outline parent = e.level > 0 ? group : nullptr;
    HPDF_Outline o = HPDF_CreateOutline(doc.get(), parent, hpdf_text(e.title, scratch), utf8);
    HPDF_Outline_SetDestination(o, destination(pages, e.page, e.y));
    if (e.level == 0) {
      group = o;
      HPDF_Outline_SetOpened(o, HPDF_FALSE);  // long digests: show the groups first
    }
  }
  doc.check("cannot build the outline");
}

std::string save(HpdfDoc& doc) {
  HPDF_SaveToStream(doc.get());
  doc.check("cannot write the PDF");
  HPDF_UINT32 size = HPDF_GetStreamSize(doc.get());
  std::string bytes(size, '\0');
  HPDF_UINT32 read = size;
  HPDF_ReadFromStream(doc.get(), reinterpret_cast<HPDF_BYTE*>(bytes.data()), &read);
  doc.check("cannot read the PDF back");
  if (read != size) fail_runtime("libharu", "short read of the PDF stream");
  return bytes;
}

}  // namespace

std::string write_pdf(const LaidOut& laid, const Digest& info, const FontSet& fonts,
                      TextPath text_path) {
  HpdfDoc doc;
  HPDF_SetCompressionMode(doc.get(), HPDF_COMP_ALL);
  HPDF_UseUTFEncodings(doc.get());
  doc.check("cannot set up the document");
  PdfFonts hfonts(doc, fonts);

  // All pages first: links and outline entries may point forward.
  std::vector<HPDF_Page> pages;
  pages.reserve(laid.pages.size());
  for (size_t i = 0; i < laid.pages.size(); ++i) {
    HPDF_Page page = HPDF_AddPage(doc.get());
    HPDF_Page_SetWidth(page, static_cast<HPDF_REAL>(laid.width));
    HPDF_Page_SetHeight(page, static_cast<HPDF_REAL>(laid.height));
    pages.push_back(page);
  }
  doc.check("cannot add pages");
  for (size_t i = 0; i < laid.pages.size(); ++i) {
    draw_text(pages[i], laid.pages[i], hfonts, text_path);
    add_links(pages[i], laid.pages[i], pages);
    add_uri_links(pages[i], laid.pages[i]);
    doc.check("cannot draw page " + std::to_string(i + 1));
  }
  if (!laid.outline.empty()) {
    add_outline(doc, laid, pages);
    HPDF_SetPageMode(doc.get(), HPDF_PAGE_MODE_USE_OUTLINE);
  }
  set_document_info(doc, info);
  return save(doc);
}

}  // namespace gz
