// Layout then PDF (app/render.h): on one thread, or with the PDF writer on a
// second one (a core to spare: one digest, --jobs 2).
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "app/render.h"
#include "base/diag.h"
#include "fonts.h"
#include "support.h"

using namespace gz;

namespace {

// Enough items for some fifty pages, in scripts the tagged PDF marks with
// their languages, so that the writer's copy of the structure tree grows as
// the pages go over.
Digest long_digest() {
  Digest d;
  d.title = "Pipeline";
  d.period_text = "July 2021";
  d.count_text = "240 bulletins";
  d.contents_text = "Contents";
  using P = PageNumbers::Piece;
  d.page_numbers.footer = {{P::Text, "Page "}, {P::Page, {}}, {P::Text, " of "}, {P::Pages, {}}};
  for (int g = 0; g < 4; ++g) {
    DigestGroup group;
    group.name = "Group " + std::to_string(g);
    for (int i = 0; i < 60; ++i) {
      DigestItem item;
      item.title = "Bulletin " + std::to_string(g) + "." + std::to_string(i);
      item.date_text = "July 9, 2021";
      item.countries_text = "Panama";
      item.lang = i % 2 ? "es" : "en";
      item.paragraphs = {std::string(40 + i % 7 * 20, 'x') + " words that wrap across the line " +
                             std::string(i % 5 * 30, 'y'),
                         "Las lluvias afectan a 1.200 familias en la provincia de Darién."};
      group.items.push_back(std::move(item));
    }
    d.groups.push_back(std::move(group));
  }
  return d;
}

DocumentInfo info(bool tagged) {
  DocumentInfo i;
  i.creator = "Gazette test";
  i.creation_time = 1627779723;
  if (tagged) {
    i.pdf_ua = i.pdf_a = true;
    i.icc_profile = test::read_file("/usr/share/color/icc/colord/sRGB.icc");
  }
  return i;
}

std::string rendered(const Digest& d, bool tagged, bool two_threads, int* pages = nullptr) {
  std::string bytes;
  StringSink out(bytes);
  RenderStats stats;
  render_pdf(d, info(tagged), test::noto_sans(), out, &stats, two_threads);
  if (pages) *pages = stats.pages;
  return bytes;
}

// Fails once more than `limit` bytes have been written (a full disk).
class FullAfter final : public ByteSink {
 public:
  explicit FullAfter(size_t limit) : limit_(limit) {}
  void write(std::string_view bytes) override {
    size_ += bytes.size();
    if (size_ > limit_) fail_runtime("out.pdf", "cannot write: No space left on device");
  }

 private:
  size_t limit_;
  size_t size_ = 0;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(render)

BOOST_AUTO_TEST_CASE(the_writer_on_its_own_thread_writes_the_same_bytes) {
  const Digest d = long_digest();
  for (bool tagged : {false, true}) {
    int pages = 0;
    const std::string one = rendered(d, tagged, false, &pages);
    BOOST_TEST(pages > 20);
    BOOST_TEST((rendered(d, tagged, true) == one), "tagged " << tagged);
  }
}

// The writer's failure half-way is the render's, on the calling thread;
// nothing hangs, whether layout is still going or done.
BOOST_AUTO_TEST_CASE(a_failure_of_the_writers_thread_is_thrown_to_the_caller) {
  const Digest d = long_digest();
  const size_t size = rendered(d, true, false).size();
  for (size_t limit : {size_t{2000}, size / 2, size - 100}) {
    FullAfter out(limit);
    try {
      render_pdf(d, info(true), test::noto_sans(), out, nullptr, true);
      BOOST_ERROR("no failure with " << limit << " bytes of room");
    } catch (const Failure& f) {
      BOOST_TEST(f.diag().loc.file == "out.pdf");
      BOOST_TEST(f.diag().message == "cannot write: No space left on device");
      BOOST_TEST(f.code() == kExitRuntime);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
