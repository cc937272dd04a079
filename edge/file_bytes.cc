#include "edge/file_bytes.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

namespace tailor::edge {
namespace {

struct FileBytes {
  std::string data;
  int fd = -1;
  explicit FileBytes(std::string d) : data(std::move(d)) {
    fd = memfd_create("tailor-edge-bytes", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (fd < 0) return;
    size_t written = 0;
    while (written < data.size()) {
      ssize_t n = ::write(fd, data.data() + written, data.size() - written);
      if (n <= 0) break;
      written += static_cast<size_t>(n);
    }
    // Sealed: nothing can change the bytes a response is being sent from.
    if (written != data.size() ||
        fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL) != 0) {
      ::close(fd);
      fd = -1;
    }
  }
  ~FileBytes() {
    if (fd >= 0) ::close(fd);
  }
  FileBytes(const FileBytes&) = delete;
  FileBytes& operator=(const FileBytes&) = delete;
};

}  // namespace

std::shared_ptr<const std::string> file_backed_bytes(std::string data, int& fd) {
  auto owner = std::make_shared<const FileBytes>(std::move(data));
  fd = owner->fd;
  return std::shared_ptr<const std::string>(owner, &owner->data);
}

}  // namespace tailor::edge
