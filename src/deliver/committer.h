// Committing finished files off the threads that make them.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "deliver/output.h"

namespace gz {

// Commits complete AtomicFiles (flush to disk, rename into place, flush the
// folder) on threads of its own. Each commit waits on the disk, a
// millisecond or more, and a batch writes hundreds of files: done here, the
// waits overlap the rendering of the next digests and one another (the
// filesystem's journal then takes several flushes at once), where in the
// rendering thread they would stop it. A file is as durable as with
// AtomicFile::commit once its future is ready; a failure is rethrown by the
// future's get(), and the file is then left as it was.
//
// This is not a second way of running work in parallel (parallel_for is the
// one, bounded by --jobs): the threads here wait for the disk, they do not
// compute.
class Committer {
 public:
  // before_rename: as AtomicFile::commit's, for every file.
  explicit Committer(std::function<void()> before_rename = {});
  ~Committer();  // commits every file handed over, then returns
  Committer(const Committer&) = delete;
  Committer& operator=(const Committer&) = delete;

  // Hands a complete file over. Blocks while kMaxWaiting files wait, so that
  // a slow disk holds back the rendering rather than the open files pile up.
  std::future<void> commit(AtomicFile file);

  static constexpr int kThreads = 4;
  static constexpr size_t kMaxWaiting = 16;

 private:
  struct Job {
    AtomicFile file;
    std::promise<void> done;
  };
  void run();
  // Commits the job's file and makes its future ready.
  void settle(Job& job);

  std::function<void()> before_rename_;
  std::mutex mutex_;
  std::condition_variable work_;  // a job is queued, or stopping
  std::condition_variable room_;  // the queue is below kMaxWaiting
  std::deque<Job> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;  // started by the first commit()s
};

}  // namespace gz
