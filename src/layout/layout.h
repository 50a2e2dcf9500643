// Layout: a Digest becomes pages of positioned text, links and outline
// entries. Pure: fonts are known only as text::Face data, nothing here calls
// libharu, so the result can be checked in tests without a PDF.
#pragma once

#include <string>
#include <vector>

#include "base/limits.h"
#include "layout/digest.h"
#include "layout/line_setter.h"
#include "text/font_set.h"

namespace gz {

// Coordinates are PDF points with the origin at the bottom-left of the page.
struct Rect {
  double left = 0, bottom = 0, right = 0, top = 0;
};

// The logical structure of the document, for readers that read it aloud or
// reflow it (the PDF's structure tree): what each element is, its parent
// and, when it differs from its parent's, its language. Elements are listed
// parents before children; their order among siblings is the order of their
// first text on the pages (reading order), which the writer follows.
// Table, TR, TH, TD: the "At a glance" page's tables (a TH heads its
// column, or with row_header its row: a region's name across the table).
enum class Role : uint8_t {
  Document,
  Sect,
  H1,
  H2,
  H3,
  H4,
  H5,
  H6,
  P,
  L,
  LI,
  Lbl,
  LBody,
  TOC,
  TOCI,
  Link,
  Figure,
  Table,
  TR,
  TH,
  TD
};

struct Element {
  Role role = Role::P;
  int32_t parent = -1;      // -1 for the root
  std::string lang;         // BCP 47; "" inherits
  bool row_header = false;  // TH only
};

// What a run is: text of element elem, or with kArtifact, page furniture
// (running footer, page number) that is not part of the content.
constexpr int32_t kArtifact = -1;

// A piece of a line in one face, left to right as drawn: glyphs and the
// text they stand for (see Piece).
struct TextRun {
  double x = 0;
  double y = 0;     // baseline
  FaceId font = 0;  // a face of the FontSet
  double size = 0;
  double width = 0;  // advance width of the glyphs at size
  std::vector<Glyph> glyphs;
  std::string text;          // UTF-8, cluster by cluster in the order of the glyphs
  int32_t elem = kArtifact;  // the element the run is part of
  bool rtl_line = false;     // part of a line of a right-to-left paragraph
  bool link = false;         // text of a link: drawn in the link colour, underlined
  uint32_t rgb = 0;          // 0xRRGGBB of text that is not a link (headings: the accent)
  bool header = false;       // an artifact of the running header (else the footer's)
};

// A clickable area that jumps to (page, y) in the same document.
struct LinkArea {
  Rect rect;
  int target_page = 0;       // 0-based page index
  double target_y = 0;       // top of the target line
  int32_t elem = kArtifact;  // its Link element
  std::string label;         // what it leads to, for readers ("Guatemala")
};

// A clickable area that opens uri (a link of the text).
struct UriLink {
  Rect rect;
  std::string uri;
  int32_t elem = kArtifact;  // its Link element
};

// The digest's logo (Digest::logo) drawn into rect; in a tagged PDF a
// Figure element (whose /Alt is the logo's text).
struct PlacedImage {
  Rect rect;
  int32_t elem = kArtifact;
};

struct OutlineEntry {
  std::string title;
  int level = 0;  // 0 = group, 1 = item (children of the preceding group)
  int page = 0;   // 0-based page index
  double y = 0;   // top of the heading's first line
};

// A filled rectangle or a stroked line in an RGB colour (charts, bands):
// drawn under the page's text; in a tagged PDF an artifact, so whatever a
// shape means must also be said in text.
struct Shape {
  enum Kind : uint8_t { Fill, Stroke };
  Kind kind = Fill;
  Rect rect;              // Stroke: a line from (left, bottom) to (right, top)
  uint32_t rgb = 0;       // 0xRRGGBB
  double line_width = 1;  // Stroke only, in points
};

struct LaidOutPage {
  std::vector<Shape> shapes;  // in drawing order, under the runs
  std::vector<TextRun> runs;
  std::vector<LinkArea> links;
  std::vector<UriLink> uri_links;
  std::vector<PlacedImage> images;
};

struct LaidOut {
  double width = 0;  // page size in points
  double height = 0;
  std::vector<LaidOutPage> pages;
  std::vector<OutlineEntry> outline;  // document order
  std::vector<Element> elements;      // [0] is the Document
};

// Where layout hands over each page of the body as soon as no line can be
// added to it, so that a long digest holds the pages in flight, not the
// document: the PDF writer draws and compresses each when it comes.
class PageSink {
 public:
  virtual ~PageSink() = default;
  // Page index (0-based) of the document: final but for its footer, which
  // comes with the LaidOut that layout_digest returns. elements is the
  // structure tree so far; it grows, parents before children.
  virtual void page(size_t index, LaidOutPage&& page, const std::vector<Element>& elements) = 0;
};

// How a digest is laid out, beyond what it says.
struct LayoutOptions {
  // For a tagged PDF (pdf/document_info.h, DocumentInfo::tagged): the
  // spaces at line breaks are kept as runs and a page reference has a space
  // before its number, so that the text of the marked content has its words
  // apart. Whatever it is, layout gives the logical structure (elements).
  bool tagged = false;
  int max_pages = limits::kMaxPdfPages;  // more: Failure
};

// Page size in points: A4 595.276 x 841.89, Letter 612 x 792.
Rect paper_rect(Paper paper);

// Cover, the "At a glance" page(s) when d.glance has groups, table of
// contents (one line per group, linked to the group's first page; on the
// cover's last page when it fits there; omitted when there are no groups),
// then the body; a footer on every page. Strings must be valid UTF-8. Throws Failure (exit 2, no
// location) when the document would have more than options.max_pages pages. Without a sink, every
// page is in the result. With one, the body's pages go to the sink as they are done, and the
// result's pages hold the rest: the cover's and the contents' runs, and a footer on every page.
LaidOut layout_digest(const Digest& digest, const FontSet& fonts, const LayoutOptions& options = {},
                      PageSink* sink = nullptr);

}  // namespace gz
