#include "app/render.h"

#include <condition_variable>
#include <deque>
#include <exception>
#include <iterator>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "layout/layout.h"
#include "pdf/pdf_writer.h"

namespace gz {
namespace {

// A PageSink that hands each page on to another (the PDF writer) on a
// thread of its own, in order: the writer draws and deflates page n while
// layout sets page n+1. Layout's structure tree grows as it goes, so the
// writer's thread keeps its own copy, sent the elements added since the
// last page (elements are only ever appended). At most kMaxWaiting pages
// wait, so memory stays bounded by the pages in flight. A drawn page's
// vectors are freed back on layout's thread, which allocated them: freed on
// the writer's, each would take the lock of the allocating thread's malloc
// arena while layout allocates from it (perf, 1,000 bulletins: malloc's
// share of the run 8.6 % on one thread, 12.8 % freed on the writer's, 8.5
// to 10 % freed back).
class PipelinedPages final : public PageSink {
 public:
  explicit PipelinedPages(PageSink& writer) : writer_(writer) {
    thread_ = std::thread([this] { run(); });  // may throw std::system_error
  }
  // Without finish() (layout failed): the pages waiting are dropped.
  ~PipelinedPages() override {
    {
      std::lock_guard lock(mutex_);
      cancelled_ = true;
    }
    stop();
  }

  void page(size_t index, LaidOutPage&& page, const std::vector<Element>& elements) override {
    std::vector<Item> drawn;  // freed here, after the lock
    std::unique_lock lock(mutex_);
    room_.wait(lock, [&] { return queue_.size() < kMaxWaiting || error_; });
    if (error_) std::rethrow_exception(error_);  // the writer failed: layout stops
    queue_.push_back({index, std::move(page), {elements.begin() + sent_, elements.end()}});
    sent_ = elements.size();
    drawn.swap(drawn_);
    lock.unlock();
    work_.notify_one();
  }

  // Waits until every page handed over is drawn; rethrows the writer's
  // failure, if any.
  void finish() {
    stop();
    if (error_) std::rethrow_exception(error_);
  }

 private:
  static constexpr size_t kMaxWaiting = 4;

  struct Item {
    size_t index;
    LaidOutPage page;
    std::vector<Element> new_elements;
  };

  void stop() {
    if (!thread_.joinable()) return;
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    work_.notify_one();
    thread_.join();
  }

  void run() {
    std::vector<Element> elements;  // this thread's copy of the tree so far
    for (;;) {
      std::unique_lock lock(mutex_);
      work_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;
      Item item = std::move(queue_.front());
      queue_.pop_front();
      const bool skip = error_ != nullptr || cancelled_;
      lock.unlock();
      room_.notify_one();
      if (skip) continue;  // dropped, not drawn
      try {
        std::move(item.new_elements.begin(), item.new_elements.end(), std::back_inserter(elements));
        writer_.page(item.index, std::move(item.page), elements);
        lock.lock();
        drawn_.push_back(std::move(item));  // what is left of it
        lock.unlock();
      } catch (...) {
        lock.lock();
        error_ = std::current_exception();
        lock.unlock();
        room_.notify_all();
      }
    }
  }

  PageSink& writer_;
  std::mutex mutex_;
  std::condition_variable work_;  // a page waits, or stopping
  std::condition_variable room_;  // fewer than kMaxWaiting wait, or the writer failed
  std::deque<Item> queue_;
  std::vector<Item> drawn_;  // for layout's thread to free
  size_t sent_ = 0;          // elements sent so far (layout's thread only)
  bool stopping_ = false;
  bool cancelled_ = false;
  std::exception_ptr error_;
  std::thread thread_;
};

}  // namespace

void render_pdf(const Digest& digest, const DocumentInfo& info, const FontSet& fonts, ByteSink& out,
                RenderStats* stats, bool two_threads) {
  // Pages go to the writer as layout finishes them, and on to out.
  PdfDocument pdf(digest, info, fonts, out);
  LayoutOptions options;
  options.tagged = info.tagged();
  std::optional<PipelinedPages> pipeline;
  if (two_threads) {
    try {
      pipeline.emplace(pdf);
    } catch (const std::system_error&) {
      // No second thread to be had: one does both.
    }
  }
  LaidOut rest;
  if (pipeline) {
    rest = layout_digest(digest, fonts, options, &*pipeline);
    pipeline->finish();
  } else {
    rest = layout_digest(digest, fonts, options, &pdf);
  }
  if (stats) stats->pages = int(rest.pages.size());
  pdf.finish(std::move(rest));
}

}  // namespace gz
