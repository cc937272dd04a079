#include "tools/cli/llm_backend.h"

#include <atomic>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "core/generate/chat.h"
#include "tools/net/chat_client.h"

namespace tailor::cli {
namespace {

class LlmBackend : public generate::Backend {
 public:
  LlmBackend(net::ChatClient client, LlmOptions options)
      : client_(std::move(client)), options_(std::move(options)), name_("openai:" + options_.model) {}

  Result<generate::Draft> generate(const generate::Request& request) override {
    const std::string body = generate::chat_request_json(request, options_.model);
    Status last;
    for (int attempt = 0; attempt <= options_.max_invalid_answers; ++attempt) {
      if (std::optional<Status> down = unavailable()) {
        return Result<generate::Draft>::failure(
            StatusCode::kUnavailable,
            "not sent, an earlier request found the endpoint unavailable (" + down->message() +
                ")");
      }
      auto answer = client_.complete(body);
      if (!answer.ok()) {
        if (answer.status().code() == StatusCode::kUnavailable) {
          const std::lock_guard<std::mutex> lock(mutex_);
          if (!unavailable_) unavailable_ = answer.status();
        }
        return answer.status();
      }
      auto draft = generate::parse_chat_response(*answer, request);
      if (draft.ok()) return draft;
      // A draft the rules reject, or a garbled 200 answer (a body cut short, not a
      // chat-completions response), is worth asking for again; an error the server states
      // ({"error": ...}, kUnavailable) is not.
      const StatusCode code = draft.status().code();
      if (code != StatusCode::kInvalidArgument && code != StatusCode::kMalformed) {
        return draft.status();
      }
      last = draft.status();
    }
    return Result<generate::Draft>::failure(
        last.message() + " (after " + std::to_string(options_.max_invalid_answers + 1) +
        " answers)");
  }

  std::vector<Result<generate::Draft>> generate_all(
      const std::vector<generate::Request>& requests) override {
    std::vector<std::optional<Result<generate::Draft>>> results(requests.size());
    std::atomic<size_t> next{0};
    auto work = [&] {
      for (size_t i = next++; i < requests.size(); i = next++) results[i] = generate(requests[i]);
    };
    const size_t threads =
        std::min(static_cast<size_t>(options_.concurrency), std::max<size_t>(requests.size(), 1));
    std::vector<std::thread> pool;
    for (size_t t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    for (std::thread& t : pool) t.join();
    std::vector<Result<generate::Draft>> out;
    for (auto& r : results) out.push_back(std::move(*r));
    return out;
  }

  std::string_view name() const override { return name_; }

 private:
  std::optional<Status> unavailable() {
    const std::lock_guard<std::mutex> lock(mutex_);
    return unavailable_;
  }

  net::ChatClient client_;
  LlmOptions options_;
  std::string name_;
  std::mutex mutex_;
  // The first request that got no answer after all its attempts (no connection, timeouts,
  // 429/5xx): later requests are not sent.
  std::optional<Status> unavailable_;
};

}  // namespace

Result<std::unique_ptr<generate::Backend>> make_llm_backend(const LlmOptions& options) {
  using R = Result<std::unique_ptr<generate::Backend>>;
  if (options.model.empty()) return R::failure("--llm-model must not be empty");
  if (options.concurrency < 1 || options.concurrency > 32) {
    return R::failure("--llm-concurrency must be a whole number from 1 to 32");
  }
  if (options.timeout_ms < 1 || options.timeout_ms > 600000) {
    return R::failure("--llm-timeout-ms must be a whole number from 1 to 600000");
  }
  net::ChatOptions chat;
  chat.base_url = options.url;
  chat.api_key = options.api_key;
  chat.timeout = std::chrono::milliseconds(options.timeout_ms);
  chat.max_attempts = options.max_attempts;
  chat.backoff = std::chrono::milliseconds(options.backoff_ms);
  auto client = net::ChatClient::create(chat);
  if (!client.ok()) return R::failure("--llm-url: " + client.error());
  return std::unique_ptr<generate::Backend>(new LlmBackend(std::move(*client), options));
}

}  // namespace tailor::cli
