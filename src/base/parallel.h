// The one way Gazette runs work in parallel (reading sources, fetching,
// rendering variants): parallel_for over indices, bounded by --jobs. Two
// more threads of a different kind: app/render.cc's PipelinedPages, the
// second stage of one variant's rendering when --jobs leaves a core to
// spare, and deliver/committer.h's, which wait for the disk while files are
// flushed and compute nothing.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>
#include <vector>

namespace gz {

// The threads parallel_for uses for n items at `jobs` at a time: from 1
// (no item, or jobs below 1) to n.
inline int parallel_threads(size_t n, int jobs) {
  return int(std::clamp<size_t>(n, 1, size_t(std::max(jobs, 1))));
}

// Calls fn(state, i) for each i in [0, n), on up to `jobs` threads at once,
// the calling thread being one of them; returns when every call has
// returned. Items are taken in index order; fn writes what item i gives to
// slot i of the caller's vector, so results come in index order whatever
// `jobs` is. Each thread makes its own state with make_state(thread) when it
// takes its first item (thread 0 is the calling thread): what must not be
// shared (ICU formatters, a curl handle) lives there; it must be movable
// (a std::unique_ptr for what is not).
//
// Exceptions: when a call throws (make_state counts as the call of the item
// it was made for), no item after it is started, the items before it all
// run, and once every thread has stopped the exception of the lowest
// failing index is rethrown: the same one for any `jobs`, when fn fails the
// same way each time.
template <class MakeState, class Fn>
void parallel_for(size_t n, int jobs, MakeState make_state, Fn fn) {
  using State = decltype(make_state(0));
  const int threads = parallel_threads(n, jobs);
  std::atomic<size_t> next{0};
  std::atomic<size_t> stop{n};  // the lowest failing index so far
  std::mutex mutex;
  std::exception_ptr error;
  auto work = [&](int thread) {
    std::optional<State> state;
    for (size_t i; (i = next++) < n && i < stop;) {
      try {
        if (!state) state.emplace(make_state(thread));
        fn(*state, i);
      } catch (...) {
        std::lock_guard lock(mutex);
        if (i < stop) {
          stop = i;
          error = std::current_exception();
        }
      }
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(size_t(threads - 1));
  try {
    for (int t = 1; t < threads; ++t) pool.emplace_back(work, t);
  } catch (const std::system_error&) {
    // No more threads to be had: the ones started (and this one) do it all.
  }
  work(0);
  for (auto& t : pool) t.join();
  if (error) std::rethrow_exception(error);
}

// The same without a per-thread state: fn(i).
template <class Fn>
void parallel_for(size_t n, int jobs, Fn fn) {
  parallel_for(
      n, jobs, [](int) { return 0; }, [&fn](int, size_t i) { fn(i); });
}

}  // namespace gz
