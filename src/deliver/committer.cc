#include "deliver/committer.h"

#include <exception>
#include <system_error>
#include <utility>

namespace gz {

Committer::Committer(std::function<void()> before_rename)
    : before_rename_(std::move(before_rename)) {}

Committer::~Committer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  work_.notify_all();
  for (std::thread& t : threads_) t.join();  // each returns once the queue is empty
}

void Committer::settle(Job& job) {
  try {
    job.file.commit(before_rename_);
    job.done.set_value();
  } catch (...) {
    job.done.set_exception(std::current_exception());
  }
}

std::future<void> Committer::commit(AtomicFile file) {
  std::unique_lock lock(mutex_);
  room_.wait(lock, [&] { return queue_.size() < kMaxWaiting || threads_.empty(); });
  queue_.push_back(Job{std::move(file), {}});
  std::future<void> done = queue_.back().done.get_future();
  // The first kThreads files each start a thread: a run that writes one
  // file starts one.
  if (threads_.size() < size_t(kThreads)) {
    try {
      threads_.emplace_back(&Committer::run, this);
    } catch (const std::system_error&) {
      // No thread to be had: the ones started commit it, or this one.
    }
  }
  if (threads_.empty()) {  // committed now, on this thread
    Job job = std::move(queue_.back());
    queue_.pop_back();
    lock.unlock();
    settle(job);
    return done;
  }
  lock.unlock();
  work_.notify_one();
  return done;
}

void Committer::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    work_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, and nothing left
    Job job = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    room_.notify_one();
    settle(job);
    lock.lock();
  }
}

}  // namespace gz
