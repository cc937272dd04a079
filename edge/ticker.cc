#include "edge/ticker.h"

#include "edge/worker_pool.h"

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

void Ticker::stop() { stop_and_join(mutex_, stopping_, cv_, {&thread_, 1}); }

}  // namespace tailor::edge
