#include "pdf/pdf_writer.h"

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
  PdfFonts(HpdfDoc& doc, const FontSet& fonts)
      : doc_(doc), fonts_(fonts), loaded_(fonts.faces.size(), nullptr) {}

  HPDF_Font get(FaceId face) {
    HPDF_Font& font = loaded_.at(face);
    if (font) return font;
    const std::string& path = fonts_.faces[face].path;
    if (auto it = by_path_.find(path); it != by_path_.end()) return font = it->second;
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
    font = by_path_[path] = HPDF_GetFont(doc_.get(), name, "UTF-8");
    doc_.check("cannot use font with UTF-8", path);
    return font;
  }

 private:
  HpdfDoc& doc_;
  const FontSet& fonts_;
  std::vector<HPDF_Font> loaded_;
  std::map<std::string, HPDF_Font> by_path_;
  std::map<std::string, std::string> by_name_;  // PostScript name -> file
};

void draw_text(HPDF_Page page, const LaidOutPage& laid, PdfFonts& fonts) {
  std::string scratch;
  HPDF_Page_BeginText(page);
  int font = -1;
  double size = 0;
  for (const TextRun& r : laid.runs) {
    if (r.text.empty()) continue;
    if (r.font != font || r.size != size) {
      font = r.font;
      size = r.size;
      HPDF_Page_SetFontAndSize(page, fonts.get(r.font), static_cast<HPDF_REAL>(size));
    }
    HPDF_Page_TextOut(page, static_cast<HPDF_REAL>(r.x), static_cast<HPDF_REAL>(r.y),
                      hpdf_text(r.text, scratch));
  }
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

std::string write_pdf(const LaidOut& laid, const Digest& info, const FontSet& fonts) {
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
    draw_text(pages[i], laid.pages[i], hfonts);
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
