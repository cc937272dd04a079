#include "edge/ticker.h"

namespace tailor::edge {

void Ticker::start(std::chrono::seconds interval, bool at_start, std::function<void()> tick) {
  thread_ = std::thread([this, interval, wait = !at_start, tick = std::move(tick)]() mutable {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      if (wait && cv_.wait_for(lock, interval, [this] { return stopping_; })) return;
      wait = true;
      lock.unlock();
      tick();
      lock.lock();
    }
  });
}

void Ticker::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace tailor::edge
