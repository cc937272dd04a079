#include "edge/worker_pool.h"

namespace tailor::edge {

WorkerPool::WorkerPool(unsigned threads) {
  if (threads == 0) threads = 1;
  for (unsigned i = 0; i < threads; ++i) threads_.emplace_back([this] { run(); });
}

WorkerPool::~WorkerPool() { stop(); }

void WorkerPool::submit(std::function<void()> task) {
  {
    std::lock_guard lock(mutex_);
    tasks_.push_back(std::move(task));
  }
  cv_.notify_one();
}

size_t WorkerPool::depth() const {
  std::lock_guard lock(mutex_);
  return tasks_.size();
}

void stop_and_join(std::mutex& mutex, bool& stopping, std::condition_variable& cv,
                   std::span<std::thread> threads) {
  {
    std::lock_guard lock(mutex);
    stopping = true;
  }
  cv.notify_all();
  for (auto& t : threads) {
    if (t.joinable()) t.join();
  }
}

void WorkerPool::stop() { stop_and_join(mutex_, stopping_, cv_, threads_); }

void WorkerPool::run() {
  while (true) {
    std::function<void()> task;
    {
      std::unique_lock lock(mutex_);
      cv_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
      if (tasks_.empty()) return;
      task = std::move(tasks_.front());
      tasks_.pop_front();
    }
    task();
  }
}

}  // namespace tailor::edge
