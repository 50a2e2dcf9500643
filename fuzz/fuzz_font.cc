// Fuzzes font files: the input is a font file, given to the font loader
// (gz::Face::check_file, which `gazette check` runs on the fonts a spec
// names) and, when the loader accepts it, to a one-page build with it as the
// only font: shaping (HarfBuzz), layout, subsetting (hb-subset) and the PDF
// writer. A font may be refused, with a message; nothing may crash, and a
// font the loader accepts must then build or be refused with a message.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>

#include "base/diag.h"
#include "check.h"
#include "layout/layout.h"
#include "pdf/pdf_writer.h"
#include "text/font.h"
#include "text/font_set.h"

namespace {

// Faces open from files: each input is written to this process's own one.
const std::string& font_path() {
  static const std::string path = [] {
    const char* dir = std::getenv("TMPDIR");
    return std::string(dir && *dir ? dir : "/tmp") + "/gazette-fuzz-font-" +
           std::to_string(getpid()) + ".ttf";
  }();
  return path;
}

gz::Digest one_page() {
  gz::Digest d;
  d.title = "Gazette AVATAR ﬁ";
  d.period_text = "July 2021";
  d.regions_text = "Central America";
  d.count_text = "1 bulletin";
  d.contents_text = "Contents";
  d.empty_text = "No bulletins in this period.";
  gz::DigestItem item;
  item.title = "Lluvias en Darién";
  item.date_text = "9 de julio de 2021";
  item.countries_text = "Panamá";
  item.paragraphs = {"Las lluvias afectan a 1.200 familias. To AV Wa ffi 😀 مرحبا ไทย"};
  d.groups.push_back({"Panamá", {item}, {}, {}});
  return d;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) { return 0; }

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string& path = font_path();
  {
    FILE* f = std::fopen(path.c_str(), "wb");
    FUZZ_CHECK(f != nullptr);
    FUZZ_CHECK(std::fwrite(data, 1, size, f) == size || size == 0);
    FUZZ_CHECK(std::fclose(f) == 0);
  }
  try {
    gz::Face::check_file(path, 0);
  } catch (const gz::Failure& f) {
    FUZZ_CHECK(!f.diag().message.empty());
    std::remove(path.c_str());
    return 0;
  }
  try {
    gz::FontSet fonts = gz::FontSet::load({gz::FamilyFiles{"Fuzzed", path, "", "", 0, {}}});
    gz::Digest d = one_page();
    gz::LaidOut laid = gz::layout_digest(d, fonts);
    FUZZ_CHECK(!laid.pages.empty());
    gz::DocumentInfo info;
    info.creator = "Gazette";
    info.creation_time = 1627779723;
    std::string pdf = gz::write_pdf(std::move(laid), d, info, fonts);
    FUZZ_CHECK(pdf.rfind("%PDF-", 0) == 0);
  } catch (const gz::Failure& f) {
    FUZZ_CHECK(!f.diag().message.empty());
  }
  std::remove(path.c_str());
  return 0;
}
